using ScottPlot;

namespace ScalingFit.Plotting;

/// <summary>
/// A legend laid out in a fixed number of columns, filled row by row, for legends below a plot. ScottPlot's wrapping
/// layout measures a legend panel at unlimited width (one row) and then wraps it at the plot's width, which cuts off
/// every row after the first; a fixed column count measures and draws the same.
/// </summary>
/// <param name="columns">Entries per row (at least 1).</param>
public sealed class ColumnsLegendLayout(int columns) : ILegendLayout
{
    /// <summary>Entries per row.</summary>
    public int Columns { get; } = Math.Max(1, columns);

    /// <inheritdoc />
    public LegendLayout GetLayout(Legend legend, LegendItem[] items, PixelSize maxSize, Paint paint)
    {
        ArgumentNullException.ThrowIfNull(legend);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Length == 0)
            return LegendLayout.NoLegend;
        PixelSize[] labels = [.. items.Select(x => x.LabelStyle.Measure(x.LabelText, paint).Size)];
        float symbolWidth = Math.Max(legend.SymbolWidth, items.Max(x => x.MarkerStyle.Size));
        float itemHeight = Math.Max(labels.Max(x => x.Height), Math.Max(legend.SymbolHeight, items.Max(x => x.MarkerStyle.Size)));
        int columns = Math.Min(Columns, items.Length);
        var columnWidths = new float[columns];
        for (int i = 0; i < items.Length; i++)
            columnWidths[i % columns] = Math.Max(columnWidths[i % columns], symbolWidth + legend.SymbolPadding + labels[i].Width);

        var labelRects = new PixelRect[items.Length];
        var symbolRects = new PixelRect[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            int row = i / columns, column = i % columns;
            float left = legend.Padding.Left + columnWidths.Take(column).Sum() + (column * legend.InterItemPadding.Right);
            float top = legend.Padding.Top + (row * (itemHeight + legend.InterItemPadding.Bottom));
            symbolRects[i] = new PixelRect(left, left + symbolWidth, top + itemHeight, top);
            labelRects[i] = new PixelRect(left + symbolWidth + legend.SymbolPadding, left + columnWidths[column], top + itemHeight, top);
        }
        int rows = (items.Length + columns - 1) / columns;
        float width = columnWidths.Sum() + ((columns - 1) * legend.InterItemPadding.Right) + legend.Padding.Horizontal;
        float height = (rows * itemHeight) + ((rows - 1) * legend.InterItemPadding.Bottom) + legend.Padding.Vertical;
        return new LegendLayout
        {
            LegendItems = items,
            LegendRect = new PixelRect(0, width, height, 0),
            LabelRects = labelRects,
            SymbolRects = symbolRects,
        };
    }
}
