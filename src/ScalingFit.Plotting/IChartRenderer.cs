namespace ScalingFit.Plotting;

/// <summary>
/// Turns the declarative <see cref="Chart"/> model into a document. The model knows nothing about the output format, so
/// another back end (ScottPlot, a PNG rasteriser) can implement this interface without changing callers.
/// </summary>
public interface IChartRenderer
{
    /// <summary>Renders one chart at its own <see cref="Chart.Width"/> × <see cref="Chart.Height"/>.</summary>
    string Render(Chart chart);

    /// <summary>Renders several charts side by side (and in rows) as one figure.</summary>
    string Render(FigureGrid figure);
}
