namespace RipTide.ServiceDefaults.Options;

/// <summary>An options class bound from one configuration section.</summary>
public interface ISectionOptions
{
    static abstract string SectionName { get; }
}
