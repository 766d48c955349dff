using ScalingFit.Plotting;
using ScottPlot;

namespace ScalingFit.Tests.Plotting;

public class MarchingSquaresTests
{
    private static readonly ScalarGrid Bowl =
        ScalarGrid.Sample(Spacing.Linear(-2, 2, 41), Spacing.Linear(-2, 2, 41), (x, y) => (x * x) + (y * y));

    [Theory]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Lines_Paraboloid_GivesOneClosedCircleOfRadiusSqrtLevel(double level)
    {
        IReadOnlyList<ContourPath> paths = MarchingSquares.Lines(Bowl, level);

        ContourPath path = Assert.Single(paths);
        Assert.True(path.IsClosed);
        Assert.True(path.Points.Count > 12);
        foreach (GridCoordinate g in path.Points)
        {
            Coordinates p = Bowl.ToData(g);
            // Linear interpolation of z = r² along grid edges (spacing 0.1) puts crossings within 0.01 of the true circle.
            Assert.Equal(Math.Sqrt(level), Math.Sqrt((p.X * p.X) + (p.Y * p.Y)), 2);
        }
    }

    [Fact]
    public void Lines_LevelOutsideTheField_GivesNothing()
    {
        Assert.Empty(MarchingSquares.Lines(Bowl, 100));
        Assert.Empty(MarchingSquares.Lines(Bowl, -1));
    }

    [Fact]
    public void Lines_LevelCrossingTheBoundary_GivesOpenPaths()
    {
        // r = 2.5 leaves the square [-2, 2]²: four arcs across the corners.
        IReadOnlyList<ContourPath> paths = MarchingSquares.Lines(Bowl, 6.25);

        Assert.Equal(4, paths.Count);
        Assert.All(paths, p => Assert.False(p.IsClosed));
    }

    [Fact]
    public void Lines_NaNCells_AreSkipped()
    {
        var values = new double[3, 3] { { 0, 0, 0 }, { 0, double.NaN, 0 }, { 0, 0, 0 } };
        var grid = new ScalarGrid([0, 1, 2], [0, 1, 2], values);

        Assert.Empty(MarchingSquares.Lines(grid, 0.5));
    }

    [Fact]
    public void ScalarGrid_ShapeMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ScalarGrid([0, 1, 2], [0, 1], new double[3, 2]));
        Assert.Throws<ArgumentException>(() => new ScalarGrid([0, 2, 1], [0, 1], new double[2, 3]));
    }
}
