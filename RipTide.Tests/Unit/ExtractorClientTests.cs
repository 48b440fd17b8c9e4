using System.Net;
using RipTide.Api.Extraction;
using RipTide.Api.Fetching;
using RipTide.Contracts.Extraction;
using RipTide.Documents;

namespace RipTide.Tests.Unit;

/// <summary>How the Api reads the Extractor's answer: once, at its declared length, and never trusting that length.</summary>
public sealed class ExtractorClientTests
{
    private static readonly byte[] DocumentBytes = DocumentJson.From(new Document(
        "https://example.com/a", null, "Tides", null, null, null, null, "en", new string('t', 50_000), null, null, [], [], 1, 1, 0.7, [], null,
        new ExtractionInfo("wasm", 1, 2, 3))).Utf8.ToArray();

    [Fact]
    public async Task A_document_of_declared_length_is_read_whole()
    {
        var document = await ExtractAsync(new ByteArrayContent(DocumentBytes));

        Assert.Equal(DocumentBytes, document.Utf8.ToArray());
        Assert.Equal(0.7, document.QualityScore);
    }

    [Fact]
    public async Task A_document_without_a_declared_length_is_read_whole()
    {
        var document = await ExtractAsync(new UnsizedContent(DocumentBytes));

        Assert.Equal(DocumentBytes, document.Utf8.ToArray());
    }

    [Fact]
    public async Task An_answer_shorter_than_it_declared_is_a_failed_call_not_a_crash()
    {
        var content = new StreamContent(new MemoryStream(DocumentBytes));
        content.Headers.ContentLength = DocumentBytes.Length + 100;

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => ExtractAsync(content));
        Assert.Equal(HttpRequestError.ResponseEnded, failure.HttpRequestError);
    }

    [Fact]
    public async Task An_answer_declaring_more_than_any_document_is_refused_before_it_is_read()
    {
        var content = new UnsizedContent(DocumentBytes);
        content.Headers.ContentLength = 4L << 30;

        await Assert.ThrowsAsync<HttpRequestException>(() => ExtractAsync(content));
        Assert.False(content.Read);
    }

    private static async Task<DocumentJson> ExtractAsync(HttpContent answer)
    {
        using var client = new HttpClient(new Answering(answer)) { BaseAddress = new Uri("http://extractor.test") };
        using var page = PageBody.FromText("<html><body><p>Tides</p></body></html>");
        return await new ExtractorClient(client, TimeProvider.System).ExtractAsync(new Uri("https://example.com/a"), page, TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    private sealed class Answering(HttpContent content) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }

    /// <summary>A body whose length is not known up front (as a chunked answer's is not).</summary>
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        public bool Read { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            Read = true;
            return stream.WriteAsync(bytes).AsTask();
        }

        protected override Task<Stream> CreateContentReadStreamAsync()
        {
            Read = true;
            return Task.FromResult<Stream>(new MemoryStream(bytes, writable: false));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
