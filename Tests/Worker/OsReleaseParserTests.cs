using TraceApp.Worker.Operations;

namespace TraceApp.Tests.Worker;

public sealed class OsReleaseParserTests
{
    [Fact]
    public void Reads_the_distribution_fields_and_the_kernel_release()
    {
        var os = OsReleaseParser.ToResult(OsReleaseParser.Parse(NodeSamples.OsRelease), NodeSamples.KernelRelease);

        Assert.Equal(new OsResult("Debian GNU/Linux", "12", "Debian GNU/Linux 12 (bookworm)", "debian", "6.1.0-18-amd64"), os);
    }

    [Fact]
    public void Quotes_and_escapes_are_removed_and_comments_skipped()
    {
        var values = OsReleaseParser.Parse("# a comment\nNAME='Arch Linux'\nPRETTY_NAME=\"say \\\"hi\\\"\"\nID=arch\n");

        Assert.Equal("Arch Linux", values["NAME"]);
        Assert.Equal("say \"hi\"", values["PRETTY_NAME"]);
        Assert.Equal("arch", values["ID"]);
    }

    [Fact]
    public void Fields_a_rolling_release_leaves_out_are_null()
    {
        var os = OsReleaseParser.ToResult(OsReleaseParser.Parse("NAME=Arch\nID=arch\n"), "6.8.1-arch1-1");

        Assert.Null(os.VersionId);
        Assert.Null(os.PrettyName);
    }

    [Theory]
    [InlineData("NAME=Debian\njust words\n", 2, "'just words' is not KEY=value")]
    [InlineData("name=debian\n", 1, "'name=debian' is not KEY=value")]
    [InlineData("NAME=\"Debian\n", 1, "unterminated quote")]
    public void Malformed_lines_give_the_line_number(string text, int lineNumber, string problem)
    {
        var error = Assert.Throws<NodeFileFormatException>(() => OsReleaseParser.Parse(text));

        Assert.Equal("/etc/os-release", error.Path);
        Assert.Equal(lineNumber, error.LineNumber);
        Assert.Contains(problem, error.Message);
    }
}
