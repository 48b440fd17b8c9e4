namespace RipTide.Dashboard.Kpis;

/// <summary>How a KPI compares with the thresholds in ARCHITECTURE.md.</summary>
public enum KpiLevel
{
    NoData,
    Target,
    Good,
    NeedsImprovement,
}

/// <summary>One row of the overview's KPI table.</summary>
public sealed record Kpi(string Name, string Value, KpiLevel Level, string Target, string Good)
{
    /// <summary>For a KPI where lower is better: below target, below good, or above.</summary>
    public static KpiLevel Below(double value, double target, double good) =>
        value < target ? KpiLevel.Target : value < good ? KpiLevel.Good : KpiLevel.NeedsImprovement;

    /// <summary>For a KPI where higher is better.</summary>
    public static KpiLevel Above(double value, double target, double good) =>
        value > target ? KpiLevel.Target : value > good ? KpiLevel.Good : KpiLevel.NeedsImprovement;
}
