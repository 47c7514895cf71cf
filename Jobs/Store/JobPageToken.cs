using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace TraceApp.Jobs.Store;

/// <summary>The keyset of the last job on a page (created_at, id), opaque to clients: base64url of "ticks:id".</summary>
internal readonly record struct JobPageToken(DateTimeOffset CreatedAt, Guid Id)
{
    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CreatedAt.UtcTicks}:{Id:N}")));

    public static JobPageToken Parse(string token)
    {
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token)).Split(':');
            return new JobPageToken(
                new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero),
                Guid.ParseExact(parts[1], "N"));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentException)
        {
            throw new FormatException($"Not a page token of this API: '{token}'.", e);
        }
    }
}
