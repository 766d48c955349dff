namespace ScalingFit.Core;

/// <summary>The smallest and largest of a quantity.</summary>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
public readonly record struct ValueRange(double Min, double Max)
{
    /// <summary>log10(Max / Min): how many decades the range spans.</summary>
    public double Decades => Math.Log10(Max / Min);

    /// <summary>The range of <paramref name="values"/>, or NaN bounds when there are none.</summary>
    public static ValueRange Of(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return double.IsInfinity(min) ? new ValueRange(double.NaN, double.NaN) : new ValueRange(min, max);
    }
}

/// <summary>What a sweep holds: counts and the ranges of N, D, C and loss over its final-loss runs.</summary>
/// <param name="Runs">Distinct runs.</param>
/// <param name="Curves">Runs with more than one checkpoint.</param>
/// <param name="CurvePoints">Checkpoints over all curves.</param>
/// <param name="ParameterCount">Range of N.</param>
/// <param name="TokenCount">Range of D.</param>
/// <param name="Flops">Range of C.</param>
/// <param name="Loss">Range of final loss.</param>
/// <param name="DistinctSizes">How many distinct model sizes.</param>
public sealed record RunSetSummary(int Runs, int Curves, int CurvePoints, ValueRange ParameterCount, ValueRange TokenCount, ValueRange Flops, ValueRange Loss, int DistinctSizes)
{
    /// <summary>Summarises <paramref name="runs"/>.</summary>
    public static RunSetSummary Of(RunSet runs)
    {
        var curves = runs.Curves.Where(c => c.Points.Count > 1).ToArray();
        return new RunSetSummary(
            runs.Runs.Count,
            curves.Length,
            curves.Sum(c => c.Points.Count),
            ValueRange.Of(runs.Runs.Select(r => r.ParameterCount)),
            ValueRange.Of(runs.Runs.Select(r => r.TokenCount)),
            ValueRange.Of(runs.Runs.Select(r => r.Flops)),
            ValueRange.Of(runs.Runs.Select(r => r.Loss)),
            runs.Runs.Select(r => r.ParameterCount).Distinct().Count());
    }
}
