using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting.Testing;
using RipTide.AppHost;
using RipTide.Contracts;

namespace RipTide.Tests.App;

/// <summary>The AppHost's model as configuration shapes it, built but not started (no process runs).</summary>
public sealed class AppHostModelTests
{
    [Fact]
    public async Task Extractor_copies_are_named_and_every_api_copy_balances_over_all_of_them()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RipTide_AppHost>(
            [$"--{RipTideResourceExtensions.ExtractorReplicasKey}=3", $"--{RipTideResourceExtensions.ApiReplicasKey}=2", "--environment=Development"],
            (options, _) => options.DisableDashboard = true,
            timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        var extractors = model.Resources.OfType<ProjectResource>().Where(r => r.Name.StartsWith(ResourceNames.Extractor, StringComparison.Ordinal)).Select(r => r.Name);
        Assert.Equal(["extractor", "extractor-1", "extractor-2"], extractors.Order());

        foreach (var api in model.Resources.OfType<ProjectResource>().Where(r => r.Name.StartsWith("api-", StringComparison.Ordinal)))
        {
            // The environment as the AppHost would compute it, without running anything: its callbacks, in publish mode.
            var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), api, [], timeout.Token);
            foreach (var annotation in api.Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await annotation.Callback(context);
            }

            var discovery = context.EnvironmentVariables.Where(pair => pair.Key.StartsWith("services__extractor__http__", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, discovery.Count);
            Assert.Equal("extractor-2", Assert.IsType<EndpointReference>(context.EnvironmentVariables["services__extractor__http__2"]).Resource.Name);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("17")]
    [InlineData("two")]
    public async Task A_bad_extractor_copy_count_stops_the_apphost_with_a_clear_message(string value)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RipTide_AppHost>(
                [$"--{RipTideResourceExtensions.ExtractorReplicasKey}={value}"], (options, _) => options.DisableDashboard = true, timeout.Token);
            await using var app = await builder.BuildAsync(timeout.Token);
        });
        Assert.Contains(RipTideResourceExtensions.ExtractorReplicasKey, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_renderer_runs_only_where_chromium_is_and_only_the_api_copies_are_given_it(bool chromiumPresent)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        // Any existing file stands for Chromium here: the model is built, nothing is started.
        var chromium = chromiumPresent ? typeof(AppHostModelTests).Assembly.Location : "/nonexistent/chromium";
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RipTide_AppHost>(
            [$"--{RendererResource.ExecutablePathKey}={chromium}", "--environment=Development"],
            (options, _) => options.DisableDashboard = true,
            timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        Assert.Equal(chromiumPresent, model.Resources.Any(r => r.Name == ResourceNames.Renderer));
        foreach (var project in model.Resources.OfType<ProjectResource>())
        {
            var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), project, [], timeout.Token);
            foreach (var annotation in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await annotation.Callback(context);
            }

            var givenRenderer = context.EnvironmentVariables.Keys.Any(key => key.StartsWith($"services__{ResourceNames.Renderer}__", StringComparison.Ordinal));
            Assert.Equal(chromiumPresent && project.Name.StartsWith("api-", StringComparison.Ordinal), givenRenderer);
        }
    }
}
