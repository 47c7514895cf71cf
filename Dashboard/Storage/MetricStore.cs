using TraceApp.Dashboard.Otlp;
using TraceApp.Dashboard.Otlp.Collector.Metrics;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// Instruments per resource, each a set of bounded time series. Metrics arrive as one small export per service
/// per interval, so conversion happens under the one lock; queries copy the points out under it.
/// </summary>
internal sealed class MetricStore(TelemetryStoreOptions options, AttributeReader attributes, ResourceRegistry resources)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TelemetryResource, Dictionary<(string Scope, string Name), MetricInstrument>> _instruments =
        new(ReferenceEqualityComparer.Instance);

    /// <summary>Returns how many data points were rejected: invalid, or of a series beyond the per-instrument limit.</summary>
    public int Add(ExportMetricsServiceRequest request)
    {
        var rejected = 0;
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = resources.GetOrAdd(resourceMetrics.Resource, TelemetrySignals.Metrics);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scopeName = attributes.Identity(scopeMetrics.Scope?.Name ?? "");
                foreach (var metric in scopeMetrics.Metrics)
                {
                    if (metric.Name.Length == 0 || MetricPointReader.Kind(metric) is not { } kind)
                    {
                        rejected += OtlpItemCounts.DataPoints(metric);
                        continue;
                    }

                    lock (_lock)
                    {
                        var instrument = GetOrAdd(resource, scopeName, attributes.Identity(metric.Name));
                        instrument.Description = attributes.Text(metric.Description);
                        instrument.Unit = attributes.Text(metric.Unit);
                        instrument.Kind = kind;
                        instrument.IsMonotonic = kind == MetricKind.Sum && metric.Sum.IsMonotonic;
                        instrument.Temporality = MetricPointReader.Temporality(metric);
                        foreach (var (pointAttributes, point) in MetricPointReader.Read(metric))
                        {
                            if (point is null || !instrument.Add(attributes.Read(pointAttributes), point))
                            {
                                rejected++;
                            }
                        }
                    }
                }
            }
        }

        return rejected;
    }

    /// <summary>The instruments of the resources given (all when null), by resource then name.</summary>
    public IReadOnlyList<InstrumentSummary> Instruments(TelemetryResource[]? filter)
    {
        lock (_lock)
        {
            return
            [
                .. _instruments
                    .Where(r => filter is null || ResourceSet.Contains(filter, r.Key))
                    .SelectMany(r => r.Value.Values.Select(i => i.Summary()))
                    .OrderBy(i => i.Resource.Id, StringComparer.Ordinal)
                    .ThenBy(i => i.Name, StringComparer.Ordinal)
                    .ThenBy(i => i.ScopeName, StringComparer.Ordinal),
            ];
        }
    }

    public InstrumentData? Instrument(TelemetryResource resource, string scopeName, string name, long fromUnixNano)
    {
        lock (_lock)
        {
            return _instruments.GetValueOrDefault(resource)?.GetValueOrDefault((scopeName, name))?.Data(fromUnixNano);
        }
    }

    public int InstrumentCount()
    {
        lock (_lock)
        {
            return _instruments.Values.Sum(i => i.Count);
        }
    }

    private MetricInstrument GetOrAdd(TelemetryResource resource, string scopeName, string name)
    {
        if (!_instruments.TryGetValue(resource, out var byName))
        {
            _instruments.Add(resource, byName = []);
        }

        if (!byName.TryGetValue((scopeName, name), out var instrument))
        {
            byName.Add((scopeName, name), instrument = new MetricInstrument(resource, scopeName, name, options));
        }

        return instrument;
    }
}
