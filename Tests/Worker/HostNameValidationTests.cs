using TraceApp.Worker.Operations;

namespace TraceApp.Tests.Worker;

public sealed class HostNameValidationTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1%2")]
    [InlineData("localhost")]
    [InlineData("localhost.")]
    [InlineData("db-1.internal.example")]
    [InlineData("3com.example")]
    public void Addresses_and_rfc1123_names_are_valid(string host) => Assert.Null(HostNameValidation.Validate(host));

    [Theory]
    [InlineData("10", "is not a valid IPv4 address")]
    [InlineData("10.1", "is not a valid IPv4 address")]
    [InlineData("256.1.1.1", "is not a valid IPv4 address")]
    [InlineData("010.0.0.1", "is not a valid IPv4 address")]
    [InlineData("::g", "is not a valid IPv6 address")]
    [InlineData("-db.example", "letters, digits and inner hyphens only")]
    [InlineData("db_1.example", "letters, digits and inner hyphens only")]
    [InlineData("host name", "letters, digits and inner hyphens only")]
    [InlineData("a..example", "each label has 1 to 63 characters")]
    [InlineData("host.123", "the last label cannot be all digits")]
    [InlineData(".", "1 to 253 characters")]
    public void Anything_else_says_why(string host, string problem) =>
        Assert.Contains(problem, HostNameValidation.Validate(host));

    [Fact]
    public void Names_have_at_most_253_characters_and_labels_63()
    {
        Assert.Null(HostNameValidation.Validate(new string('a', 63) + ".example"));
        Assert.Contains("each label has 1 to 63", HostNameValidation.Validate(new string('a', 64) + ".example"));
        Assert.Contains("1 to 253 characters", HostNameValidation.Validate(string.Join('.', Enumerable.Repeat("abc", 64))));
    }
}
