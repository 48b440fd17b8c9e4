using System.Net;

namespace RipTide.Net;

/// <summary>Checks a configured list of allowed networks, so that a typo stops the service at start instead of opening or closing a range.</summary>
public static class NetworkList
{
    /// <summary>One message per entry that is not CIDR, naming it by <paramref name="path"/> and index.</summary>
    public static List<string> Problems(IEnumerable<string> networks, string path) =>
        [.. networks
            .Select((value, index) => (value, index))
            .Where(entry => !IPNetwork.TryParse(entry.value, out _))
            .Select(entry => $"{path}:{entry.index} '{entry.value}' is not a CIDR range.")];
}
