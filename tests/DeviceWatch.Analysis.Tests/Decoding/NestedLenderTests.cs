using DeviceWatch.Analysis.Decoding;

namespace DeviceWatch.Analysis.Tests.Decoding;

public sealed class NestedLenderTests
{
    [Fact]
    public void Rent_EachNestingLevelHasItsOwnObject_ReusedAtTheSameLevel()
    {
        var made = 0;
        var givenBack = new List<List<int>>();
        var lender = new NestedLender<List<int>>(() => { made++; return []; }, givenBack.Add);

        var outer = lender.Rent();
        var inner = lender.Rent();
        Assert.NotSame(outer, inner);
        lender.Return();
        Assert.Same(inner, lender.Rent());
        lender.Return();
        lender.Return();

        Assert.Same(outer, lender.Rent());
        lender.Return();
        Assert.Equal(2, made);
        Assert.Equal([inner, inner, outer, outer], givenBack);
    }

    [Fact]
    public void Return_WithoutGiveBack_StillGivesTheObjectBack()
    {
        var made = 0;
        var lender = new NestedLender<object>(() => { made++; return new object(); });
        for (var i = 0; i < 3; i++)
        {
            lender.Rent();
            lender.Return();
        }

        Assert.Equal(1, made);
    }
}
