namespace ScalingFit.Fitting.Optimization;

/// <summary>What <see cref="MoreThuenteLineSearch.Iterate"/> asks for next.</summary>
internal enum LineSearchStatus
{
    /// <summary>Evaluate f and its directional derivative at the new step and call again.</summary>
    Evaluate,

    /// <summary>The step satisfies the strong Wolfe conditions.</summary>
    Converged,

    /// <summary>No step satisfying both conditions can be found (rounding, interval too small, step at a bound); accept the last one.</summary>
    Warning,
}

/// <summary>
/// The More–Thuente line search (More and Thuente 1994, "Line search algorithms with guaranteed sufficient decrease",
/// ACM TOMS 20(3)), a transcription of MINPACK-2's <c>dcsrch</c>/<c>dcstep</c> as used by L-BFGS-B.
/// A mutable struct that lives in the minimiser's stack frame: no allocation.
/// </summary>
internal struct MoreThuenteLineSearch
{
    private const double XTrapLower = 1.1, XTrapUpper = 4.0;

    private double _ftol, _gtol, _xtol, _stpmin, _stpmax;
    private bool _brackt;
    private int _stage;
    private double _ginit, _gtest, _gx, _gy, _finit, _fx, _fy, _stx, _sty, _stmin, _stmax, _width, _width1;

    /// <summary>The best step so far (an end of the bracketing interval).</summary>
    public readonly double BestStep => _stx;

    /// <summary>Starts a search from φ(0) = <paramref name="f0"/>, φ'(0) = <paramref name="g0"/> &lt; 0 with first trial step <paramref name="stp"/>.</summary>
    public void Start(double f0, double g0, double stp, double ftol, double gtol, double xtol, double stpmin, double stpmax)
    {
        _ftol = ftol;
        _gtol = gtol;
        _xtol = xtol;
        _stpmin = stpmin;
        _stpmax = stpmax;
        _brackt = false;
        _stage = 1;
        _finit = f0;
        _ginit = g0;
        _gtest = ftol * g0;
        _width = stpmax - stpmin;
        _width1 = _width / 0.5;
        _stx = 0;
        _fx = f0;
        _gx = g0;
        _sty = 0;
        _fy = f0;
        _gy = g0;
        _stmin = 0;
        _stmax = stp + XTrapUpper * stp;
    }

    /// <summary>
    /// Takes φ(<paramref name="stp"/>) = <paramref name="f"/> and φ'(stp) = <paramref name="g"/>; either accepts the step
    /// or replaces <paramref name="stp"/> with the next trial step.
    /// </summary>
    public LineSearchStatus Iterate(ref double stp, double f, double g)
    {
        double ftest = _finit + stp * _gtest;
        if (_stage == 1 && f <= ftest && g >= 0)
            _stage = 2;

        var status = LineSearchStatus.Evaluate;
        if (_brackt && (stp <= _stmin || stp >= _stmax))
            status = LineSearchStatus.Warning; // rounding errors prevent progress
        if (_brackt && _stmax - _stmin <= _xtol * _stmax)
            status = LineSearchStatus.Warning; // xtol test satisfied
        if (stp == _stpmax && f <= ftest && g <= _gtest)
            status = LineSearchStatus.Warning; // stp = stpmax
        if (stp == _stpmin && (f > ftest || g >= _gtest))
            status = LineSearchStatus.Warning; // stp = stpmin
        if (f <= ftest && Math.Abs(g) <= _gtol * -_ginit)
            status = LineSearchStatus.Converged;
        if (status != LineSearchStatus.Evaluate)
            return status;

        // In the first stage, if f is lower but the decrease is not sufficient, step on the modified function
        // ψ(t) = φ(t) − φ(0) − ftol·t·φ'(0), whose minimiser satisfies the sufficient decrease condition.
        if (_stage == 1 && f <= _fx && f > ftest)
        {
            double fm = f - stp * _gtest, fxm = _fx - _stx * _gtest, fym = _fy - _sty * _gtest;
            double gm = g - _gtest, gxm = _gx - _gtest, gym = _gy - _gtest;
            Step(ref _stx, ref fxm, ref gxm, ref _sty, ref fym, ref gym, ref stp, fm, gm, ref _brackt, _stmin, _stmax);
            _fx = fxm + _stx * _gtest;
            _fy = fym + _sty * _gtest;
            _gx = gxm + _gtest;
            _gy = gym + _gtest;
        }
        else
        {
            Step(ref _stx, ref _fx, ref _gx, ref _sty, ref _fy, ref _gy, ref stp, f, g, ref _brackt, _stmin, _stmax);
        }

        if (_brackt)
        {
            if (Math.Abs(_sty - _stx) >= 0.66 * _width1)
                stp = _stx + 0.5 * (_sty - _stx);
            _width1 = _width;
            _width = Math.Abs(_sty - _stx);
            _stmin = Math.Min(_stx, _sty);
            _stmax = Math.Max(_stx, _sty);
        }
        else
        {
            _stmin = stp + XTrapLower * (stp - _stx);
            _stmax = stp + XTrapUpper * (stp - _stx);
        }

        stp = Math.Max(stp, _stpmin);
        stp = Math.Min(stp, _stpmax);
        if ((_brackt && (stp <= _stmin || stp >= _stmax)) || (_brackt && _stmax - _stmin <= _xtol * _stmax))
            stp = _stx;
        return LineSearchStatus.Evaluate;
    }

    /// <summary>
    /// Replaces a trial step at which f or its derivative was not finite by the midpoint towards the best step,
    /// keeping the bracket valid.
    /// </summary>
    public readonly double Retreat(double stp) => _stx + 0.5 * (stp - _stx);

    /// <summary>MINPACK-2 <c>dcstep</c>: a safeguarded cubic/quadratic/secant step and the update of the bracketing interval.</summary>
    private static void Step(
        ref double stx, ref double fx, ref double dx,
        ref double sty, ref double fy, ref double dy,
        ref double stp, double fp, double dp, ref bool brackt, double stpmin, double stpmax)
    {
        double sgnd = dp * (dx / Math.Abs(dx));
        double stpf;
        if (fp > fx)
        {
            // Higher function value: the minimum is bracketed. Take the cubic step if it is closer to stx than
            // the quadratic step, otherwise their average.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.Max(Math.Abs(theta), Math.Max(Math.Abs(dx), Math.Abs(dp)));
            double gamma = s * Math.Sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
            if (stp < stx)
                gamma = -gamma;
            double p = (gamma - dx) + theta;
            double q = ((gamma - dx) + gamma) + dp;
            double r = p / q;
            double stpc = stx + r * (stp - stx);
            double stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx)) / 2 * (stp - stx);
            stpf = Math.Abs(stpc - stx) < Math.Abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
            brackt = true;
        }
        else if (sgnd < 0)
        {
            // Lower value, derivatives of opposite sign: bracketed. Cubic if farther from stp than the secant step.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.Max(Math.Abs(theta), Math.Max(Math.Abs(dx), Math.Abs(dp)));
            double gamma = s * Math.Sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
            if (stp > stx)
                gamma = -gamma;
            double p = (gamma - dp) + theta;
            double q = ((gamma - dp) + gamma) + dx;
            double r = p / q;
            double stpc = stp + r * (stx - stp);
            double stpq = stp + (dp / (dp - dx)) * (stx - stp);
            stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
            brackt = true;
        }
        else if (Math.Abs(dp) < Math.Abs(dx))
        {
            // Lower value, same-sign derivatives, |derivative| decreasing. The cubic step is used only if the
            // cubic tends to infinity in the direction of the step or its minimum lies beyond stp.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.Max(Math.Abs(theta), Math.Max(Math.Abs(dx), Math.Abs(dp)));
            double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp > stx)
                gamma = -gamma;
            double p = (gamma - dp) + theta;
            double q = (gamma + (dx - dp)) + gamma;
            double r = p / q;
            double stpc = r < 0 && gamma != 0 ? stp + r * (stx - stp) : stp > stx ? stpmax : stpmin;
            double stpq = stp + (dp / (dp - dx)) * (stx - stp);
            if (brackt)
            {
                stpf = Math.Abs(stpc - stp) < Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = stp > stx ? Math.Min(stp + 0.66 * (sty - stp), stpf) : Math.Max(stp + 0.66 * (sty - stp), stpf);
            }
            else
            {
                stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = Math.Max(stpmin, Math.Min(stpmax, stpf));
            }
        }
        else
        {
            // Lower value, same-sign derivatives, |derivative| not decreasing: extrapolate to a bound, or take the
            // cubic step inside the bracket.
            if (brackt)
            {
                double theta = 3 * (fp - fy) / (sty - stp) + dy + dp;
                double s = Math.Max(Math.Abs(theta), Math.Max(Math.Abs(dy), Math.Abs(dp)));
                double gamma = s * Math.Sqrt((theta / s) * (theta / s) - (dy / s) * (dp / s));
                if (stp > sty)
                    gamma = -gamma;
                double p = (gamma - dp) + theta;
                double q = ((gamma - dp) + gamma) + dy;
                double r = p / q;
                stpf = stp + r * (sty - stp);
            }
            else
            {
                stpf = stp > stx ? stpmax : stpmin;
            }
        }

        if (fp > fx)
        {
            sty = stp;
            fy = fp;
            dy = dp;
        }
        else
        {
            if (sgnd < 0)
            {
                sty = stx;
                fy = fx;
                dy = dx;
            }
            stx = stp;
            fx = fp;
            dx = dp;
        }
        stp = stpf;
    }
}
