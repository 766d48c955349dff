using Microsoft.Data.Analysis;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;

namespace ScalingFit.Tests.IO.Frames;

public sealed class ResultFramesTests
{
    private static readonly Lazy<(RunSet IsoFlopRuns, RunSet Curves, EnvelopeFitResult Envelope, IsoFlopFitResult IsoFlop, ParametricFitResult Parametric)> Fits = new(() =>
    {
        RunSet isoFlop = SweepSimulator.IsoFlop(SimulationOptions.Default);
        RunSet curves = SweepSimulator.Curves(SimulationOptions.Default, SweepSimulator.LogSpace(4.4e7, 3e9, 8));
        return (isoFlop, curves,
            EnvelopeFitter.Fit(curves, EnvelopeFitOptions.Default with { Bootstrap = new BootstrapOptions(20) }),
            IsoFlopFitter.Fit(isoFlop, IsoFlopFitOptions.Default with { Bootstrap = new BootstrapOptions(30) }),
            ParametricFitter.Fit(isoFlop, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, DropHighest = 3, Bootstrap = new BootstrapOptions(20) }));
    });

    private static double[] Doubles(DataFrame frame, string column) => [.. frame.Columns[column].Cast<double?>().Select(v => v ?? double.NaN)];

    [Fact]
    public void EnvelopeToDataFrame_HoldsEveryFrontierPointWithItsUse()
    {
        var fit = Fits.Value.Envelope;

        DataFrame frame = fit.ToDataFrame();

        Assert.Equal(fit.Frontier.Count, frame.Rows.Count);
        Assert.Equal(fit.Frontier.Select(p => p.Flops), Doubles(frame, "flops"));
        Assert.Equal(fit.Frontier.Select(p => p.ParameterCount), Doubles(frame, "params"));
        Assert.Equal(fit.PointCount, frame.Columns["used"].Cast<bool?>().Count(u => u == true));
        Assert.Equal(fit.Frontier.Select(p => p.RunId), frame.Columns["run"].Cast<string>());
    }

    [Fact]
    public void IsoFlopToDataFrame_OneRowPerBudgetWithItsValleyFloor()
    {
        var fit = Fits.Value.IsoFlop;
        Assert.True(fit.Succeeded);

        DataFrame frame = fit.ToDataFrame();

        Assert.Equal(fit.Budgets.Count, frame.Rows.Count);
        Assert.Equal(fit.Budgets.Select(b => b.OptimalParameterCount ?? double.NaN), Doubles(frame, "opt_params"));
        Assert.Equal(fit.Budgets.Select(b => b.MinimumLoss ?? double.NaN), Doubles(frame, "min_loss"));
        Assert.Equal(fit.Budgets.Select(b => b.PointCount), frame.Columns["runs"].Cast<int?>().Select(n => n!.Value));
        Assert.Equal(fit.BudgetCount, frame.Columns["kept"].Cast<bool?>().Count(k => k == true));
    }

    [Fact]
    public void IsoFlopRunsToDataFrame_HoldsEachRunWithItsBudgetAndParabola()
    {
        var fit = Fits.Value.IsoFlop;

        DataFrame frame = fit.RunsToDataFrame();

        Assert.Equal(fit.Budgets.Sum(b => b.PointCount), frame.Rows.Count);
        var first = fit.Budgets[0];
        Assert.Equal(first.Runs[0].RunId, frame.Columns["run"][0]);
        Assert.Equal(first.Flops, frame.Columns["budget_flops"][0]);
        Assert.Equal(first.Parabola!.Loss(first.Runs[0].ParameterCount), (double)frame.Columns["parabola_loss"][0]!, 12);
    }

    [Fact]
    public void ParametricRunsToDataFrame_GivesResidualsAndMarksDroppedRuns()
    {
        var (runs, _, _, _, fit) = Fits.Value;

        DataFrame frame = fit.RunsToDataFrame(runs);

        Assert.Equal(runs.Runs.Count, frame.Rows.Count);
        Assert.Equal(fit.PointCount, frame.Columns["used"].Cast<bool?>().Count(u => u == true));
        var run = runs.Runs[5];
        double fitted = fit.Law.Loss(run.ParameterCount, run.TokenCount);
        Assert.Equal(fitted, (double)frame.Columns["fitted_loss"][5]!, 12);
        Assert.Equal(Math.Log(run.Loss / fitted), (double)frame.Columns["residual"][5]!, 12);
        // The runs left out are the highest losses.
        double highestKept = Doubles(frame, "loss").Where((_, i) => (bool)frame.Columns["used"][i]!).Max();
        Assert.All(Doubles(frame, "loss").Where((_, i) => !(bool)frame.Columns["used"][i]!), l => Assert.True(l > highestKept));
    }

    [Fact]
    public void BootstrapToDataFrame_OneColumnPerEstimateInResampleOrder()
    {
        var bootstrap = Fits.Value.Parametric.Bootstrap!;

        DataFrame frame = bootstrap.ToDataFrame();

        Assert.Equal(bootstrap.Names, frame.Columns.Select(c => c.Name));
        Assert.Equal(bootstrap.Succeeded, frame.Rows.Count);
        Assert.Equal(bootstrap.Samples("a"), Doubles(frame, "a"));
        Assert.Equal(bootstrap.Samples("alpha"), Doubles(frame, "alpha"));
    }

    [Fact]
    public void AllocationsToDataFrame_ProjectsEachFitAtEachBudgetWithItsBands()
    {
        var (_, _, envelope, isoFlop, parametric) = Fits.Value;
        IAllocationFit[] fits = [envelope, isoFlop, parametric];
        double[] budgets = [1e21, 5.76e23];

        DataFrame frame = fits.AllocationsToDataFrame(budgets);

        Assert.Equal(6, frame.Rows.Count);
        Assert.Equal(["envelope", "envelope", "isoflop", "isoflop", "parametric", "parametric"], frame.Columns["approach"].Cast<string>());
        var point = isoFlop.OptimalAllocation(5.76e23);
        Assert.Equal(point.ParameterCount.Value, (double)frame.Columns["opt_params"][3]!);
        Assert.Equal(point.ParameterCount.Interval!.Value.Low, (double)frame.Columns["params_low"][3]!);
        Assert.Equal(point.TokenCount.Interval!.Value.High, (double)frame.Columns["tokens_high"][3]!);
        Assert.Equal(point.TokenCount.Value / point.ParameterCount.Value, (double)frame.Columns["tokens_per_param"][3]!, 12);
    }

    [Fact]
    public void ParametricFrontierToDataFrame_GivesTheLeastLossWithItsInterval()
    {
        var parametric = Fits.Value.Parametric;

        DataFrame frame = parametric.FrontierToDataFrame([1e21, 5.76e23]);

        var atBudget = parametric.FrontierAt([5.76e23])[0];
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal(atBudget.Loss.Value, (double)frame.Columns["loss"][1]!);
        Assert.Equal(atBudget.ParameterCount.Interval!.Value.Low, (double)frame.Columns["params_low"][1]!);
        Assert.InRange(atBudget.Loss.Value, (double)frame.Columns["loss_low"][1]!, (double)frame.Columns["loss_high"][1]!);
        Assert.Equal(parametric.Law.ForBudget(1e21, parametric.FlopRule).Loss, (double)frame.Columns["loss"][0]!, 12);
    }
}
