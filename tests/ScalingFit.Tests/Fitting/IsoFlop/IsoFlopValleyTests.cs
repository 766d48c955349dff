using System.Globalization;
using ScalingFit.Fitting;
using ScalingFit.Tests.TestSupport;

namespace ScalingFit.Tests.Fitting.IsoFlop;

public class IsoFlopValleyTests
{
    private static readonly double[] X = Enumerable.Range(0, 9).Select(i => Math.Log(1e8) + 0.45 * i).ToArray();

    [Fact]
    public void Akima_ParabolaShapedValley_AgreesWithTheParabola()
    {
        double vertex = X[4] + 0.13;
        var y = X.Select(x => 2.5 + 0.04 * (x - vertex) * (x - vertex)).ToArray();

        var parabola = IsoFlopValley.Find(ValleyMethod.Parabola, X, y);
        var akima = IsoFlopValley.Find(ValleyMethod.Akima, X, y);

        Assert.True(parabola.Found && akima.Found);
        Assert.Equal(vertex, parabola.LnParameterCount, 9);
        Assert.Equal(vertex, akima.LnParameterCount, 0.05);
        Assert.Equal(2.5, akima.Loss, 0.002);
    }

    [Fact]
    public void Akima_MinimumAtTheEdge_IsRejected()
    {
        var y = X.Select(x => 3.0 - 0.05 * (x - X[0])).ToArray();

        var akima = IsoFlopValley.Find(ValleyMethod.Akima, X, y);

        Assert.False(akima.Found);
        Assert.Contains("edge minimum", akima.Failure);
    }

    [Fact]
    public void Akima_FewerThanFiveSizes_IsRejectedWithReason()
    {
        var akima = IsoFlopValley.Akima(X[..4], [3.0, 2.9, 2.95, 3.1]);

        Assert.False(akima.Found);
        Assert.Contains("at least 5", akima.Failure);
    }

    /// <summary>A skewed valley (steeper on the small-model side, as real IsoFLOP profiles are): the spline's minimum
    /// agrees with scipy's Akima1DInterpolator on the interior segments, where both use Akima's (1970) weights.</summary>
    [ReferenceFact]
    public void Akima_SkewedValley_AgreesWithScipy()
    {
        var y = X.Select(x => 1.9 + 3.0 * Math.Exp(-0.9 * (x - X[0])) + 0.45 * (x - X[0])).ToArray();
        string List(double[] v) => "[" + string.Join(",", v.Select(d => d.ToString("R", CultureInfo.InvariantCulture))) + "]";
        string script = $$"""
            import numpy as np
            from scipy.interpolate import Akima1DInterpolator
            x = np.array({{List(X)}}); y = np.array({{List(y)}})
            s = Akima1DInterpolator(x, y)
            roots = s.derivative().roots(extrapolate=False)
            cand = np.concatenate([x, roots])
            v = s(cand)
            i = int(np.argmin(v))
            print(repr(float(cand[i])), repr(float(v[i])))
            """;

        var (code, stdout) = PythonReference.Run("-c", script);
        Assert.Equal(0, code);
        var parts = stdout.Trim().Split(' ');
        double scipyX = double.Parse(parts[0], CultureInfo.InvariantCulture), scipyY = double.Parse(parts[1], CultureInfo.InvariantCulture);

        var ours = IsoFlopValley.Akima(X, y);

        Assert.True(ours.Found, ours.Failure);
        Assert.Equal(scipyX, ours.LnParameterCount, 1e-6);
        Assert.Equal(scipyY, ours.Loss, 1e-9);
    }
}

public class IsoFlopAkimaFitTests
{
    [Fact]
    public void Fit_AkimaValleys_NoiseFreeSweep_RecoversTheExponent()
    {
        var law = ScalingFit.Core.ParametricLaw.Paper;
        var sweep = ScalingFit.Core.SweepSimulator.IsoFlop(new ScalingFit.Core.SimulationOptions(law, NoiseSigma: 0));

        var fit = IsoFlopFitter.Fit(sweep, IsoFlopFitOptions.Default with { Valley = ValleyMethod.Akima, Bootstrap = ScalingFit.Core.BootstrapOptions.None });

        Assert.True(fit.Succeeded);
        Assert.Equal(law.ExponentA, fit.ExponentA.Value, 0.01);
        Assert.Contains("Akima spline", fit.ToReport());
    }
}

public class IsoFlopNoiseBootstrapTests
{
    [Fact]
    public void Fit_NoiseBootstrap_GivesAnIntervalAroundTheEstimateAndNamesSigma()
    {
        var law = ScalingFit.Core.ParametricLaw.Paper;
        var sweep = ScalingFit.Core.SweepSimulator.IsoFlop(new ScalingFit.Core.SimulationOptions(law, NoiseSigma: 0.005, Seed: 2));
        var options = IsoFlopFitOptions.Default with { Bootstrap = new ScalingFit.Core.BootstrapOptions(200, Seed: 1) };

        var estimated = IsoFlopFitter.Fit(sweep, options with { EstimateNoise = true });
        var given = IsoFlopFitter.Fit(sweep, options with { NoiseSigma = 0.05 });
        var again = IsoFlopFitter.Fit(sweep, options with { EstimateNoise = true, Threads = 1 });

        var interval = estimated.ExponentA.Interval!.Value;
        Assert.True(interval.Contains(estimated.ExponentA.Value));
        Assert.Contains(estimated.Diagnostics, d => d.Code == "noise-bootstrap" && d.Message.Contains("pooled parabola residual scatter"));
        Assert.True(given.ExponentA.Interval!.Value.Width > interval.Width, "ten times the noise should widen the interval");
        Assert.Equal(interval, again.ExponentA.Interval!.Value);
    }
}
