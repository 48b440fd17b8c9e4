using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RipTide.Api.Crawling;
using RipTide.Api.Endpoints;
using RipTide.Contracts.Extraction;

namespace RipTide.Api;

/// <summary>What the OpenAPI document says about itself: the API, and that it is called where it was read (the gateway).</summary>
public static class ApiDocument
{
    public static IHostApplicationBuilder AddApiDocument(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(ApiDocumentEndpoints.DocumentName, options => options.AddSchemaTransformer(DescribeWhatTheGeneratorCannotSee).AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "RipTide API",
                Version = "v1",
                Description = "Crawl and extract web pages: /crawl, /crawl/stream, /extract, /jobs, /map and the admin routes. "
                    + "Bodies are snake_case JSON; errors are application/problem+json. Firecrawl's v2 routes (/v2/…) are described in docs/FIRECRAWL.md.",
            };

            // An Api copy's own address is not where clients call it: the document is read through the gateway.
            document.Servers = [new OpenApiServer { Url = "/" }];
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>
    /// What the generator cannot see: a result's <c>document</c> is written from stored bytes by a converter
    /// (<see cref="DocumentField"/>), and is a <see cref="Document"/> or null on the wire; and every problem carries
    /// RipTide's members beside RFC 9457's.
    /// </summary>
    private static Task DescribeWhatTheGeneratorCannotSee(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(DocumentField) && context.Document is { } document)
        {
            schema.OneOf = [new OpenApiSchemaReference(nameof(Document), document), new OpenApiSchema { Type = JsonSchemaType.Null }];
            schema.Description = "The extracted document, or null when the URL failed.";
        }
        else if (context.JsonTypeInfo.Type == typeof(ProblemDetails))
        {
            // Written by RipTide.Http's Problems.
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["error_type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A stable name for the kind of error." };
            schema.Properties["retryable"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Whether the same request may succeed later." };
            schema.Properties["request_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The id to quote when reporting the failure." };
        }

        return Task.CompletedTask;
    }
}
