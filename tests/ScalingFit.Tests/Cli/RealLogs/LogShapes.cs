using System.Globalization;
using System.Text;
using System.Text.Json;
using ScalingFit.Core;

namespace ScalingFit.Tests.Cli.RealLogs;

/// <summary>
/// The five shapes of real sweep logs of issue 10, written from known laws with the project's simulator: the columns,
/// units and quirks are those of the real exports (a tracker's CSV, a many-experiment CSV, checkpoint curves without a
/// run id, nested JSON Lines, digitised IsoFLOP points). Each writer returns the truth the fit should recover.
/// </summary>
internal static class LogShapes
{
    private static readonly CultureInfo Ic = CultureInfo.InvariantCulture;

    /// <summary>Forward-only budgets as written in the run names; the training budget is 3× (6e18 … 6e20).</summary>
    public static readonly double[] ForwardBudgets = [2e18, 6e18, 2e19, 6e19, 2e20];

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string N(double v) => v.ToString("R", Ic);

    /// <summary>
    /// Shape 1, a W&amp;B export of an IsoFLOP sweep: <c>Name</c> (the forward budget only in the name),
    /// <c>parameter_count</c>, <c>throughput/total_tokens</c>, <c>eval/paloma/macro_loss</c>, <c>throughput/total_gflops</c>
    /// (forward GFLOPs), <c>optimizer.learning_rate</c>; plus four <c>validation-optimal</c> runs that are not part of the sweep
    /// (far lower losses at one size: left in, they pull the valleys).
    /// </summary>
    public static ParametricLaw WandbExport(string path, long seed = 101)
    {
        var law = ParametricLaw.Paper;
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(law, NoiseSigma: 0.003, Seed: seed), ForwardBudgets.Select(b => 3 * b).ToArray());
        var text = new StringBuilder("Name,parameter_count,throughput/total_tokens,eval/paloma/macro_loss,throughput/total_gflops,optimizer.learning_rate\n");
        var i = 0;
        foreach (var run in sweep.Runs)
        {
            var forward = run.FlopBudget!.Value / 3;
            var width = 64 * (int)Math.Round(Math.Pow(run.ParameterCount / 12, 1.0 / 3) / 64 + 1);
            text.Append(Ic, $"isoflop-{forward.ToString("0.##e+0", Ic)}-d{width}-L{8 + i % 24}-B64-dclm-default,{N(run.ParameterCount)},{N(run.TokenCount)},{N(run.Loss)},{N(run.Flops / 3 / 1e9)},{N(0.003 * Math.Pow(2, -(i % 3)))}\n");
            i++;
        }

        foreach (var (n, d) in new[] { (3e8, 6e9), (3e8, 2e10), (3e8, 6e10), (3e8, 2e11) })
            text.Append(Ic, $"validation-optimal-d1024-{N(d)},{N(n)},{N(d)},{N(law.Loss(n, d) - 0.4)},{N(2 * n * d / 1e9)},0.001\n");
        File.WriteAllText(path, text.ToString());
        return law;
    }

    /// <summary>The laws of the eight experiments of <see cref="Experiments"/>: a = β/(α+β) from 0.40 to 0.60.</summary>
    public static readonly ParametricLaw[] ExperimentLaws =
    [
        new(1.69, 406.4, 410.7, 0.34, 0.28),
        new(1.69, 406.4, 410.7, 0.30, 0.30),
        new(1.80, 480.0, 2100.0, 0.35, 0.37),
        new(1.70, 300.0, 1000.0, 0.30, 0.40),
        new(2.00, 800.0, 500.0, 0.40, 0.30),
        new(1.60, 400.0, 600.0, 0.36, 0.24),
        new(1.75, 350.0, 900.0, 0.28, 0.36),
        new(1.85, 500.0, 700.0, 0.33, 0.31),
    ];

    /// <summary>
    /// Shape 2, one file of eight experiments: <c>experiment,dataset,params,tokens,budget,loss,outlier,reason</c>, each
    /// experiment an IsoFLOP sweep of its own law (<see cref="ExperimentLaws"/>) on two datasets, with a few rows marked
    /// <c>outlier=true</c> whose loss is 25% too high.
    /// </summary>
    public static IReadOnlyList<(string Experiment, ParametricLaw Law)> Experiments(string path, long seed = 202)
    {
        var text = new StringBuilder("experiment,dataset,params,tokens,budget,loss,outlier,reason\n");
        var result = new List<(string, ParametricLaw)>();
        var random = new SeededRandom(seed);
        for (var e = 0; e < ExperimentLaws.Length; e++)
        {
            var name = $"exp{e + 1}";
            result.Add((name, ExperimentLaws[e]));
            var sweep = SweepSimulator.IsoFlop(new SimulationOptions(ExperimentLaws[e], NoiseSigma: 0.003, Seed: seed + e), [1e18, 3e18, 1e19, 3e19, 1e20, 3e20]);
            var k = 0;
            foreach (var run in sweep.Runs)
            {
                var outlier = random.NextDouble() < 0.06;
                var loss = outlier ? run.Loss * 1.25 : run.Loss;
                text.Append(Ic, $"{name},{(k++ % 2 == 0 ? "c4" : "pile")},{N(run.ParameterCount)},{N(run.TokenCount)},{N(run.FlopBudget!.Value)},{N(loss)},{(outlier ? "true" : "false")},{(outlier ? "loss spike" : "")}\n");
            }
        }

        File.WriteAllText(path, text.ToString());
        return result;
    }

    /// <summary>
    /// Shape 3, checkpoint curves without a run id: <c>model,peak_lr,total_steps,sweep,total_epochs,N,N_no_emb,D,C,loss</c>.
    /// Each model size is trained to several horizons (<c>total_steps</c>) at two learning rates; checkpoints sit on one
    /// token grid shared by every run of a model, so <c>model</c> alone, or <c>model+peak_lr</c>, collides. Losses follow
    /// <see cref="CurveDesign.ExpectedLoss"/> (the law plus an unfinished-cycle penalty) with 0.3% noise; the worse learning
    /// rate is 2% worse.
    /// </summary>
    public static ParametricLaw Checkpoints(string path, long seed = 303)
    {
        var law = ParametricLaw.Paper;
        var design = CurveDesign.Default;
        var random = new SeededRandom(seed);
        var sizes = SweepSimulator.LogSpace(4e7, 3e9, 9);
        var text = new StringBuilder("model,peak_lr,total_steps,sweep,total_epochs,N,N_no_emb,D,C,loss\n");
        const double tokensPerStep = 1 << 20;
        foreach (var n in sizes)
        {
            var model = n >= 1e9 ? $"{n / 1e9:0.#}B" : $"{n / 1e6:0}M";
            foreach (var horizon in design.Horizons(law, n))
            {
                var steps = Math.Ceiling(horizon / tokensPerStep);
                foreach (var (lr, penalty, sweep) in new[] { (0.002, 1.0, "main"), (0.0005, 1.02, "lr-ablation") })
                {
                    // Checkpoints on a grid shared by every run of this model: 2^(k/2) × 64 steps, up to the run's last step.
                    for (var k = 0; ; k++)
                    {
                        var at = Math.Min(Math.Round(64 * Math.Pow(2, k / 2.0)), steps);
                        var d = at * tokensPerStep;
                        var loss = design.ExpectedLoss(law, n, d, steps * tokensPerStep) * penalty * Math.Exp(0.003 * random.NextGaussian());
                        text.Append(Ic, $"{model},{N(lr)},{N(steps)},{sweep},1,{N(n)},{N(0.9 * n)},{N(d)},{N(6 * n * d)},{N(loss)}\n");
                        if (at >= steps)
                            break;
                    }
                }
            }
        }

        File.WriteAllText(path, text.ToString());
        return law;
    }

    /// <summary>The laws of the two training datasets of <see cref="NestedJsonLines"/>.</summary>
    public static readonly (string Dataset, ParametricLaw Law)[] DatasetLaws =
    [
        ("c4", new ParametricLaw(1.69, 406.4, 410.7, 0.34, 0.28)),
        ("pile", new ParametricLaw(1.70, 300.0, 1000.0, 0.30, 0.40)),
    ];

    /// <summary>
    /// Shape 4, one JSON object per run with nested fields: <c>{"name", "dataset_name", "hyperparameters": {"params",
    /// "tokens"}, "results": [{"loss", "val_data"}, {"loss", "val_data"}]}</c>; <c>results[1]</c> is the evaluation on the
    /// training distribution (the law), <c>results[0]</c> on another set (0.3 higher and flatter). Two training datasets.
    /// </summary>
    public static void NestedJsonLines(string path, long seed = 404)
    {
        var text = new StringBuilder();
        foreach (var (dataset, law) in DatasetLaws)
        {
            var sweep = SweepSimulator.IsoFlop(new SimulationOptions(law, NoiseSigma: 0.003, Seed: seed++), [1e18, 3e18, 1e19, 3e19, 1e20, 3e20]);
            foreach (var run in sweep.Runs)
            {
                var line = new
                {
                    name = $"{dataset}-{run.RunId}",
                    dataset_name = dataset,
                    hyperparameters = new { @params = run.ParameterCount, tokens = run.TokenCount, lr = 0.001 },
                    results = new object[]
                    {
                        new { loss = 0.3 + 0.9 * run.Loss, val_data = "wikitext" },
                        new { loss = run.Loss, val_data = dataset },
                    },
                };
                text.Append(JsonSerializer.Serialize(line, Relaxed)).Append('\n');
            }
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// Shape 5, IsoFLOP points read off a figure: <c>compute_budget,training_tokens,validation_loss</c> only; N must be
    /// derived as C/(6D).
    /// </summary>
    public static ParametricLaw Digitised(string path, long seed = 505)
    {
        var law = ParametricLaw.Paper;
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(law, NoiseSigma: 0.003, Seed: seed));
        var text = new StringBuilder("compute_budget,training_tokens,validation_loss\n");
        foreach (var run in sweep.Runs)
            text.Append(Ic, $"{run.FlopBudget!.Value.ToString("0.##e+0", Ic)},{run.TokenCount.ToString("0.####e+0", Ic)},{run.Loss.ToString("0.0000", Ic)}\n");
        File.WriteAllText(path, text.ToString());
        return law;
    }

    /// <summary>
    /// An IsoFLOP sweep whose run ids are model names reused at every budget (<c>run,params,tokens,[flops,]loss[,budget]</c>): the
    /// same twelve model sizes at each of the paper's budgets, 1 to 1000 tokens per parameter. Read by run id, a model's rows
    /// (one per budget, tokens growing with the budget) look like a training curve.
    /// </summary>
    public static void ReusedRunIds(string path, bool withBudget, long seed = 606)
    {
        var law = ParametricLaw.Paper;
        var random = new SeededRandom(seed);
        var sizes = SweepSimulator.LogSpace(3e7, 2e10, 12);
        var text = new StringBuilder(withBudget ? "run,params,tokens,flops,loss,budget\n" : "run,params,tokens,loss\n");
        foreach (var budget in SweepSimulator.PaperBudgets)
        {
            for (var j = 0; j < sizes.Length; j++)
            {
                var d = budget / (6 * sizes[j]);
                if (d / sizes[j] is < 1 or > 1000)
                    continue;
                var loss = law.Loss(sizes[j], d) * Math.Exp(0.003 * random.NextGaussian());
                text.Append(Ic, $"d{64 * (j + 4)},{N(sizes[j])},{N(d)},{(withBudget ? N(6 * sizes[j] * d) + "," : "")}{N(loss)}");
                text.Append(withBudget ? string.Create(Ic, $",{N(budget)}\n") : "\n");
            }
        }

        File.WriteAllText(path, text.ToString());
    }
}
