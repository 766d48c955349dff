using Microsoft.Data.Analysis;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.IO;

/// <summary>
/// Fit results as <see cref="DataFrame"/>s, the tables a researcher slices: the envelope's frontier points, the IsoFLOP
/// budgets' minima and the runs behind them, the parametric fit's runs with their residuals and its frontier with the
/// predicted loss, bootstrap samples, and compute-optimal allocations of any fits at any budgets. Numbers are doubles (missing ones null), names are the JSON
/// names of cli-contract.md where there is one.
/// </summary>
public static class ResultFrames
{
    extension(EnvelopeFitResult fit)
    {
        /// <summary>
        /// The envelope's frontier points (Hoffmann et al. 2022, §3.1): <c>flops</c>, <c>params</c> (N of the winning run),
        /// <c>tokens</c> (C/(kN)), <c>loss</c>, <c>run</c>, <c>used</c> (entered the regressions) and <c>excluded_because</c>.
        /// </summary>
        public DataFrame ToDataFrame()
        {
            ArgumentNullException.ThrowIfNull(fit);
            var points = fit.Frontier;
            return new DataFrame(
                new DoubleDataFrameColumn("flops", points.Select(p => p.Flops)),
                new DoubleDataFrameColumn("params", points.Select(p => p.ParameterCount)),
                new DoubleDataFrameColumn("tokens", points.Select(p => p.TokenCount)),
                new DoubleDataFrameColumn("loss", points.Select(p => p.Loss)),
                new StringDataFrameColumn("run", points.Select(p => p.RunId)),
                new BooleanDataFrameColumn("used", points.Select(p => p.Used)),
                new StringDataFrameColumn("excluded_because", points.Select(p => p.ExclusionReason)));
        }
    }

    extension(IsoFlopFitResult fit)
    {
        /// <summary>
        /// One row per FLOP budget (Hoffmann et al. 2022, §3.2): <c>budget</c> (nominal, null for a found group),
        /// <c>flops</c> (the C in the regressions), <c>runs</c>, <c>min_params</c>, <c>max_params</c>, the parabola's
        /// <c>curvature</c>, the valley's <c>opt_params</c>, <c>opt_tokens</c> and <c>min_loss</c> (null without a valley),
        /// <c>kept</c>, <c>excluded_because</c> and the bootstrap's <c>dropout_rate</c>.
        /// </summary>
        public DataFrame ToDataFrame()
        {
            ArgumentNullException.ThrowIfNull(fit);
            var budgets = fit.Budgets;
            return new DataFrame(
                new DoubleDataFrameColumn("budget", budgets.Select(b => b.NominalFlops)),
                new DoubleDataFrameColumn("flops", budgets.Select(b => b.Flops)),
                new Int32DataFrameColumn("runs", budgets.Select(b => b.PointCount)),
                new DoubleDataFrameColumn("min_params", budgets.Select(b => b.MinParameterCount)),
                new DoubleDataFrameColumn("max_params", budgets.Select(b => b.MaxParameterCount)),
                new DoubleDataFrameColumn("curvature", budgets.Select(b => b.Parabola?.Curvature)),
                new DoubleDataFrameColumn("opt_params", budgets.Select(b => b.OptimalParameterCount)),
                new DoubleDataFrameColumn("opt_tokens", budgets.Select(b => b.OptimalTokenCount)),
                new DoubleDataFrameColumn("min_loss", budgets.Select(b => b.MinimumLoss)),
                new BooleanDataFrameColumn("kept", budgets.Select(b => b.Kept)),
                new StringDataFrameColumn("excluded_because", budgets.Select(b => b.ExclusionReason)),
                new DoubleDataFrameColumn("dropout_rate", budgets.Select(b => b.BootstrapDropOutRate)));
        }

        /// <summary>
        /// The runs the fit grouped into budgets, one row each: <c>run</c>, <c>params</c>, <c>tokens</c>, <c>flops</c>,
        /// <c>loss</c>, the <c>budget_flops</c> of its group (its C in the regressions), whether that budget was <c>kept</c>,
        /// and the group's parabola at the run's N, <c>parabola_loss</c> (null without one).
        /// </summary>
        public DataFrame RunsToDataFrame()
        {
            ArgumentNullException.ThrowIfNull(fit);
            var rows = fit.Budgets.SelectMany(b => b.Runs.Select(r => (Budget: b, Run: r))).ToList();
            return new DataFrame(
                new StringDataFrameColumn("run", rows.Select(x => x.Run.RunId)),
                new DoubleDataFrameColumn("params", rows.Select(x => x.Run.ParameterCount)),
                new DoubleDataFrameColumn("tokens", rows.Select(x => x.Run.TokenCount)),
                new DoubleDataFrameColumn("flops", rows.Select(x => x.Run.Flops)),
                new DoubleDataFrameColumn("loss", rows.Select(x => x.Run.Loss)),
                new DoubleDataFrameColumn("budget_flops", rows.Select(x => x.Budget.Flops)),
                new BooleanDataFrameColumn("kept", rows.Select(x => x.Budget.Kept)),
                new DoubleDataFrameColumn("parabola_loss", rows.Select(x => x.Budget.Parabola?.Loss(x.Run.ParameterCount))));
        }
    }

    extension(ParametricFitResult fit)
    {
        /// <summary>
        /// The runs of <paramref name="runs"/> (the data the fit was made from) with what the law says of them:
        /// <c>run</c>, <c>params</c>, <c>tokens</c>, <c>flops</c>, <c>loss</c>, <c>fitted_loss</c> L̂(N, D) = E + A/N^α + B/D^β,
        /// <c>residual</c> ln L − ln L̂ (the quantity the Huber loss is taken of; Hoffmann et al. 2022, §3.3) and <c>used</c>
        /// (false for the runs left out by <see cref="ParametricFitOptions.DropHighest"/>).
        /// </summary>
        /// <param name="runs">The runs passed to the fit.</param>
        public DataFrame RunsToDataFrame(RunSet runs)
        {
            ArgumentNullException.ThrowIfNull(fit);
            ArgumentNullException.ThrowIfNull(runs);
            var kept = runs.DropHighestLoss(fit.Options.DropHighest).Runs.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
            var all = runs.Runs;
            double Fitted(Run r) => fit.Law.Loss(r.ParameterCount, r.TokenCount);
            return new DataFrame(
                new StringDataFrameColumn("run", all.Select(r => r.RunId)),
                new DoubleDataFrameColumn("params", all.Select(r => r.ParameterCount)),
                new DoubleDataFrameColumn("tokens", all.Select(r => r.TokenCount)),
                new DoubleDataFrameColumn("flops", all.Select(r => r.Flops)),
                new DoubleDataFrameColumn("loss", all.Select(r => r.Loss)),
                new DoubleDataFrameColumn("fitted_loss", all.Select(Fitted)),
                new DoubleDataFrameColumn("residual", all.Select(r => Math.Log(r.Loss) - Math.Log(Fitted(r)))),
                new BooleanDataFrameColumn("used", all.Select(r => kept.Contains(r.RunId))));
        }
    }

    extension(BootstrapResult bootstrap)
    {
        /// <summary>
        /// One row per successful resample, in resample order, one column per estimate (<see cref="BootstrapResult.Names"/>,
        /// e.g. <c>a</c>, <c>b</c>; for the parametric fit also <c>E</c>, <c>A</c>, <c>B</c>, <c>alpha</c>, <c>beta</c>, <c>G</c>).
        /// Failed resamples are left out (<see cref="BootstrapResult.Failed"/> counts them).
        /// </summary>
        public DataFrame ToDataFrame()
        {
            ArgumentNullException.ThrowIfNull(bootstrap);
            return new DataFrame(bootstrap.Names.Select(n => (DataFrameColumn)new DoubleDataFrameColumn(n, bootstrap.Samples(n))));
        }
    }

    extension(IEnumerable<IAllocationFit> fits)
    {
        /// <summary>
        /// The compute-optimal allocation each fit projects at each budget (<see cref="IAllocationFit.OptimalAllocation"/>):
        /// <c>approach</c> (its JSON name), <c>flops</c>, <c>opt_params</c> N_opt(C) with <c>params_low</c>/<c>params_high</c>,
        /// <c>opt_tokens</c> D_opt(C) with <c>tokens_low</c>/<c>tokens_high</c> (pointwise bootstrap bands; null without a
        /// bootstrap) and <c>tokens_per_param</c> D_opt/N_opt. For the parametric fit's predicted loss at each budget see
        /// <c>FrontierToDataFrame</c>.
        /// </summary>
        /// <param name="budgets">FLOP budgets; <see cref="ParametricFitResult.AllocationBudgets"/> (1e21, 5.76e23, 1e24, 1e25) when null.</param>
        public DataFrame AllocationsToDataFrame(IEnumerable<double>? budgets = null)
        {
            ArgumentNullException.ThrowIfNull(fits);
            double[] flops = [.. budgets ?? ParametricFitResult.AllocationBudgets];
            var rows = fits.SelectMany(fit => flops.Select(c => (Fit: fit, Point: fit.OptimalAllocation(c)))).ToList();
            return new DataFrame(
                new StringDataFrameColumn("approach", rows.Select(r => r.Fit.Approach.Name())),
                new DoubleDataFrameColumn("flops", rows.Select(r => r.Point.Flops)),
                new DoubleDataFrameColumn("opt_params", rows.Select(r => r.Point.ParameterCount.Value)),
                new DoubleDataFrameColumn("params_low", rows.Select(r => r.Point.ParameterCount.Interval?.Low)),
                new DoubleDataFrameColumn("params_high", rows.Select(r => r.Point.ParameterCount.Interval?.High)),
                new DoubleDataFrameColumn("opt_tokens", rows.Select(r => r.Point.TokenCount.Value)),
                new DoubleDataFrameColumn("tokens_low", rows.Select(r => r.Point.TokenCount.Interval?.Low)),
                new DoubleDataFrameColumn("tokens_high", rows.Select(r => r.Point.TokenCount.Interval?.High)),
                new DoubleDataFrameColumn("tokens_per_param", rows.Select(r => r.Point.TokenCount.Value / r.Point.ParameterCount.Value)));
        }
    }

    extension(ParametricFitResult fit)
    {
        /// <summary>
        /// The parametric law's compute-optimal frontier at each budget (<see cref="ParametricFitResult.FrontierAt"/>):
        /// <c>flops</c>, <c>opt_params</c>, <c>opt_tokens</c> and the predicted least <c>loss</c>
        /// L̂(N_opt, D_opt) = E + A/N_opt^α + B/D_opt^β, each with <c>_low</c>/<c>_high</c> from the bootstrap refits'
        /// laws at the same budget (null without a bootstrap).
        /// </summary>
        /// <param name="budgets">FLOP budgets; <see cref="ParametricFitResult.AllocationBudgets"/> when null.</param>
        public DataFrame FrontierToDataFrame(IEnumerable<double>? budgets = null)
        {
            ArgumentNullException.ThrowIfNull(fit);
            var points = fit.FrontierAt(budgets ?? ParametricFitResult.AllocationBudgets);
            return new DataFrame(
                new DoubleDataFrameColumn("flops", points.Select(p => p.Flops)),
                new DoubleDataFrameColumn("opt_params", points.Select(p => p.ParameterCount.Value)),
                new DoubleDataFrameColumn("params_low", points.Select(p => p.ParameterCount.Interval?.Low)),
                new DoubleDataFrameColumn("params_high", points.Select(p => p.ParameterCount.Interval?.High)),
                new DoubleDataFrameColumn("opt_tokens", points.Select(p => p.TokenCount.Value)),
                new DoubleDataFrameColumn("tokens_low", points.Select(p => p.TokenCount.Interval?.Low)),
                new DoubleDataFrameColumn("tokens_high", points.Select(p => p.TokenCount.Interval?.High)),
                new DoubleDataFrameColumn("loss", points.Select(p => p.Loss.Value)),
                new DoubleDataFrameColumn("loss_low", points.Select(p => p.Loss.Interval?.Low)),
                new DoubleDataFrameColumn("loss_high", points.Select(p => p.Loss.Interval?.High)));
        }
    }
}
