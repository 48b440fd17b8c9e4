namespace RipTide.Tests;

/// <summary>The checkout the tests were built from, found by walking up from the test binaries to the solution.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "RipTide.Aspire.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (RipTide.Aspire.sln) was not found above the test binaries.");
    }
}
