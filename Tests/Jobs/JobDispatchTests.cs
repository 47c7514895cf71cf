using TraceApp.Jobs.Contracts;

namespace TraceApp.Tests.Jobs;

public sealed class JobDispatchTests
{
    [Fact]
    public void A_dispatch_reads_back_what_was_written()
    {
        var dispatch = new JobDispatch(Guid.CreateVersion7());

        Assert.Equal(dispatch, JobDispatch.TryParse(dispatch.ToUtf8Bytes()));
        Assert.Equal($$"""{"jobId":"{{dispatch.JobId}}"}""", System.Text.Encoding.UTF8.GetString(dispatch.ToUtf8Bytes()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"jobId":"not-a-guid"}""")]
    [InlineData("""{"jobId":"00000000-0000-0000-0000-000000000000"}""")]
    public void Anything_else_is_not_a_dispatch(string body) =>
        Assert.Null(JobDispatch.TryParse(System.Text.Encoding.UTF8.GetBytes(body)));
}
