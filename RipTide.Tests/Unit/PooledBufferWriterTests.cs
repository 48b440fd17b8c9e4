using System.IO.Compression;
using System.Text;
using System.Text.Json;
using RipTide.ServiceDefaults.Memory;

namespace RipTide.Tests.Unit;

public sealed class PooledBufferWriterTests
{
    [Fact]
    public void What_is_written_past_the_first_buffer_is_kept_in_order()
    {
        using var writer = new PooledBufferWriter(initialBytes: 256);
        var expected = new List<byte>();
        for (var i = 0; i < 5_000; i++)
        {
            var chunk = Encoding.ASCII.GetBytes($"{i},");
            chunk.CopyTo(writer.GetSpan(chunk.Length));
            writer.Advance(chunk.Length);
            expected.AddRange(chunk);
        }

        Assert.Equal(expected.Count, writer.WrittenCount);
        Assert.Equal(expected.ToArray(), writer.Written.ToArray());
        Assert.Equal(expected.ToArray(), writer.WrittenMemory.ToArray());
    }

    [Fact]
    public void Json_and_compressed_streams_write_through_it()
    {
        using var json = new PooledBufferWriter(initialBytes: 256);
        using (var writer = new Utf8JsonWriter(json))
        {
            JsonSerializer.Serialize(writer, new { text = new string('a', 100_000) });
        }

        using var compressed = new PooledBufferWriter(initialBytes: 256);
        using (var gzip = new GZipStream(compressed.AsStream(), CompressionLevel.Fastest))
        {
            gzip.Write(json.Written);
        }

        using var expanded = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(compressed.Written.ToArray()), CompressionMode.Decompress))
        {
            gzip.CopyTo(expanded);
        }

        Assert.Equal(json.Written.ToArray(), expanded.ToArray());
        Assert.Equal(100_000, JsonDocument.Parse(expanded.ToArray()).RootElement.GetProperty("text").GetString()!.Length);
    }

    [Fact]
    public void Truncating_forgets_the_end_and_writing_resumes_there()
    {
        using var writer = new PooledBufferWriter();
        Write(writer, "{\"a\":1}");

        writer.Truncate(writer.WrittenCount - 1);
        Write(writer, ",\"b\":2}");

        Assert.Equal("{\"a\":1,\"b\":2}", Encoding.ASCII.GetString(writer.Written));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Truncate(writer.WrittenCount + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(writer.GetSpan().Length + 1));
    }

    [Fact]
    public void A_disposed_writer_refuses_use()
    {
        var writer = new PooledBufferWriter();
        writer.Dispose();
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.GetSpan());
        Assert.Throws<ObjectDisposedException>(() => writer.WrittenMemory);
    }

    private static void Write(PooledBufferWriter writer, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        bytes.CopyTo(writer.GetSpan(bytes.Length));
        writer.Advance(bytes.Length);
    }
}
