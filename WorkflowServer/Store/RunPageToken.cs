using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace TraceApp.WorkflowServer.Store;

/// <summary>The keyset of the last run on a page (created_at, id), opaque to clients: base64url of "ticks:id".</summary>
public readonly record struct RunPageToken(DateTimeOffset CreatedAt, Guid RunId)
{
    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CreatedAt.UtcTicks}:{RunId:N}")));

    public static bool TryParse(string token, out RunPageToken parsed)
    {
        parsed = default;
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token)).Split(':');
            if (parts.Length != 2
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks
                || !Guid.TryParseExact(parts[1], "N", out var id))
            {
                return false;
            }

            parsed = new RunPageToken(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
