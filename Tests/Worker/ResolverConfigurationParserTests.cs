using TraceApp.Worker.Operations;

namespace TraceApp.Tests.Worker;

public sealed class ResolverConfigurationParserTests
{
    [Fact]
    public void Nameservers_and_search_domains_are_read_in_order()
    {
        var configuration = ResolverConfigurationParser.Parse(NodeSamples.ResolverConfiguration);

        Assert.Equal(["10.0.0.2", "fd00::53"], configuration.Nameservers);
        Assert.Equal(["corp.example", "lab.example"], configuration.SearchDomains);
    }

    [Fact]
    public void The_last_search_or_domain_line_wins_and_semicolon_comments_are_skipped()
    {
        var configuration = ResolverConfigurationParser.Parse(
            "search a.example b.example\n; nameserver 10.9.9.9\ndomain c.example\nnameserver 127.0.0.53\nnameserver fe80::1%eth0");

        Assert.Equal(["127.0.0.53", "fe80::1%eth0"], configuration.Nameservers);
        Assert.Equal(["c.example"], configuration.SearchDomains);
    }

    [Fact]
    public void An_empty_file_means_no_nameservers()
    {
        var configuration = ResolverConfigurationParser.Parse("");

        Assert.Empty(configuration.Nameservers);
        Assert.Empty(configuration.SearchDomains);
    }

    [Theory]
    [InlineData("nameserver\n", 1, "nameserver needs an IP address.")]
    [InlineData("search x.example\nnameserver dns.example\n", 2, "nameserver needs an IP address.")]
    [InlineData("search\n", 1, "search needs a domain.")]
    public void Malformed_lines_give_the_line_number(string text, int lineNumber, string problem)
    {
        var error = Assert.Throws<NodeFileFormatException>(() => ResolverConfigurationParser.Parse(text));

        Assert.Equal($"/etc/resolv.conf line {lineNumber}: {problem}", error.Message);
    }
}
