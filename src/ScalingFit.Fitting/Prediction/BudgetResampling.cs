namespace ScalingFit.Fitting;

/// <summary>How the IsoFLOP loss frontier's band resamples each budget's runs (unless the noise bootstrap is chosen).</summary>
public enum BudgetResampling
{
    /// <summary>
    /// Cases (the default): each budget's runs drawn with replacement (Davison &amp; Hinkley 1997, Algorithm 6.2). Measured,
    /// it does not fall short by the (n − p)/n of raw residuals: resamples with few distinct sizes give unstable parabolas,
    /// which widen the band (vertex variance ×1.07 of the truth on one nine-run profile; L*(C) band's spread ×1.03 with nine
    /// runs per budget and ×1.42 with five, so it over-covers when budgets have few runs).
    /// </summary>
    Runs,

    /// <summary>
    /// Modified residuals: each budget's sizes kept as designed, its losses redrawn as the parabola's fitted values times
    /// one plus leverage-corrected relative residuals pooled over all budgets (Davison &amp; Hinkley 1997, Algorithm 6.1,
    /// eq. 6.9; see <see cref="ValleyResidualPool"/>). The band's spread matches the estimate's (×0.99–1.00 measured with
    /// nine or five runs per budget, E free or pinned). Applies to parabola valleys; with the Akima valley the runs are
    /// resampled.
    /// </summary>
    Residuals,
}
