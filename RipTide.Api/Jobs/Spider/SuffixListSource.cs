namespace RipTide.Api.Jobs.Spider;

/// <summary>The Public Suffix List, read once from Debian's package on first use; null when it is not installed.</summary>
public sealed class SuffixListSource(string path = PublicSuffixList.DebianPath)
{
    private readonly Lazy<PublicSuffixList?> _list = new(() => PublicSuffixList.TryLoad(path));

    public string Path { get; } = path;

    public PublicSuffixList? List => _list.Value;
}
