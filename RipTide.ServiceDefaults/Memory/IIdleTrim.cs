namespace RipTide.ServiceDefaults.Memory;

/// <summary>Something that holds memory grown under load and can give it back when the service is idle.</summary>
public interface IIdleTrim
{
    void TrimIdle();
}
