namespace RipTide.Dashboard.Components.Charts;

/// <summary>One line of a chart: a name and its points in time order.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

public sealed record ChartPoint(DateTime Time, double Value);
