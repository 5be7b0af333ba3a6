using DeviceWatch.Analysis.Aggregation;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Analysis.Rules;

/// <summary>
/// The item-3 analyzer for one run: feed observations (streamed, any order), flows, devices and TLS interception
/// events, then <see cref="Complete"/> aggregates per device × data type × destination, runs the rules and
/// returns the findings document. Not thread-safe: deliver from one thread at a time.
/// </summary>
public sealed class AnalysisSession
{
    private readonly ProfileSet _profiles;
    private readonly AnalysisOptions _options;
    private readonly StringTable _strings = new();
    private readonly Dictionary<(string Device, string DataType, string Destination), SeriesBuffer> _series = new();
    private readonly List<ConnRecord> _flows = [];
    private readonly List<DeviceRecord> _devices = [];
    private readonly List<TlsInterceptionEvent> _tls = [];
    private readonly List<(string Device, ProfilePhase Phase)> _phases = [];
    private long _minTicks = long.MaxValue;
    private long _maxTicks = long.MinValue;
    private bool _completed;

    /// <summary>Creates a session that judges devices by <paramref name="profiles"/>.</summary>
    public AnalysisSession(ProfileSet profiles, AnalysisOptions? options = null)
    {
        _profiles = profiles;
        _options = options ?? new AnalysisOptions();
    }

    /// <summary>Number of observations added so far.</summary>
    public long ObservationCount { get; private set; }

    /// <summary>Adds one observation (kept compactly; the value itself is only kept for the first of a series).</summary>
    public void AddObservation(Observation observation)
    {
        var key = (observation.Device, observation.DataType, observation.Destination);
        if (!_series.TryGetValue(key, out var buffer))
        {
            buffer = new SeriesBuffer(observation.DataType, observation.Destination);
            _series.Add(key, buffer);
        }

        buffer.Add(observation, _strings);
        Extend(observation.Ts.Ticks, observation.Ts.Ticks);
        ObservationCount++;
    }

    /// <summary>Adds observations.</summary>
    public void AddObservations(IEnumerable<Observation> observations)
    {
        foreach (var observation in observations)
        {
            AddObservation(observation);
        }
    }

    /// <summary>Adds a finished flow (for the destinations table).</summary>
    public void AddFlow(ConnRecord flow)
    {
        _flows.Add(flow);
        Extend(flow.Ts.Ticks, flow.Ts.Ticks + (long)(flow.Duration * TimeSpan.TicksPerSecond));
    }

    /// <summary>Adds a local device (MAC, IPs, DHCP host name) so profiles can match it.</summary>
    public void AddDevice(DeviceRecord device)
    {
        _devices.Add(device);
        Extend(device.FirstSeen.Ticks, device.LastSeen.Ticks);
    }

    /// <summary>Adds a TLS interception attempt of the proxy.</summary>
    public void AddTlsInterception(TlsInterceptionEvent interception) => _tls.Add(interception);

    /// <summary>
    /// Adds an experiment phase marked while the session ran (e.g. <c>devicewatch tag</c>). At <see cref="Complete"/>
    /// it joins the phases of the profile that <paramref name="deviceId"/> resolves to (profile id, or a MAC, IP or
    /// host name a profile matches) and the rules treat it exactly like a profile phase. Phases of a device without a
    /// profile are kept out of the findings, as profile phases need a profile.
    /// </summary>
    /// <exception cref="ArgumentException">When the phase does not end after it starts.</exception>
    public void AddPhase(string deviceId, ProfilePhase phase)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(phase);
        if (phase.To <= phase.From)
        {
            throw new ArgumentException($"phase {phase.From:O}..{phase.To:O}: the end must come after the start", nameof(phase));
        }

        _phases.Add((deviceId, phase));
    }

    /// <summary>Runs everything in one call.</summary>
    public static FindingsDocument Run(
        ProfileSet profiles,
        IEnumerable<Observation> observations,
        IEnumerable<ConnRecord> flows,
        IEnumerable<DeviceRecord> devices,
        IEnumerable<TlsInterceptionEvent> tlsInterceptions,
        IReadOnlyList<string> captures,
        AnalysisOptions? options = null)
    {
        var session = new AnalysisSession(profiles, options);
        foreach (var device in devices)
        {
            session.AddDevice(device);
        }

        foreach (var flow in flows)
        {
            session.AddFlow(flow);
        }

        foreach (var interception in tlsInterceptions)
        {
            session.AddTlsInterception(interception);
        }

        session.AddObservations(observations);
        return session.Complete(captures);
    }

    /// <summary>Aggregates, runs the rules and builds the findings document (deterministic for the same input set).</summary>
    /// <exception cref="InvalidOperationException">When called a second time.</exception>
    public FindingsDocument Complete(IReadOnlyList<string> captures)
    {
        if (_completed)
        {
            throw new InvalidOperationException("An analysis session can be completed only once.");
        }

        _completed = true;
        return Build(captures, _devices);
    }

    /// <summary>
    /// The findings so far, for a live session: the same document <see cref="Complete"/> would give now with
    /// <paramref name="devices"/> as the devices, without changing the session (observations can still be added).
    /// </summary>
    public FindingsDocument Preview(IReadOnlyList<string> captures, IReadOnlyList<DeviceRecord> devices) => Build(captures, devices);

    private FindingsDocument Build(IReadOnlyList<string> captures, IReadOnlyList<DeviceRecord> deviceRecords)
    {
        // 1. resolve every device key to one device (profile id, else MAC)
        var directory = new DeviceDirectory(_profiles, deviceRecords);
        var identities = new SortedDictionary<string, DeviceIdentity>(StringComparer.Ordinal);
        DeviceIdentity Resolve(string key)
        {
            var identity = directory.Resolve(key);
            if (!identities.TryGetValue(identity.Id, out var known) || (known.Record is null && identity.Record is not null))
            {
                identities[identity.Id] = identity;
            }

            return identity;
        }

        foreach (var record in directory.Records)
        {
            Resolve(record.Mac);
        }

        // 2. merge raw series per resolved device
        var seriesByDevice = new Dictionary<string, Dictionary<(string, string), SeriesBuffer>>(StringComparer.Ordinal);
        var copies = new HashSet<SeriesBuffer>(ReferenceEqualityComparer.Instance);
        foreach (var ((device, dataType, destination), buffer) in _series)
        {
            var id = Resolve(device).Id;
            var perDevice = seriesByDevice.TryGetValue(id, out var existing) ? existing : seriesByDevice[id] = new();
            if (perDevice.TryGetValue((dataType, destination), out var merged))
            {
                // Merge into a copy, never into the session's own buffer, so building can be repeated (Preview).
                if (!copies.Contains(merged))
                {
                    var copy = new SeriesBuffer(dataType, destination);
                    copy.AddFrom(merged);
                    copies.Add(copy);
                    perDevice[(dataType, destination)] = copy;
                    merged = copy;
                }

                merged.AddFrom(buffer);
            }
            else
            {
                perDevice[(dataType, destination)] = buffer;
            }
        }

        // 3. flows and TLS events per resolved device
        var flowsByDevice = new Dictionary<string, List<ConnRecord>>(StringComparer.Ordinal);
        foreach (var flow in _flows)
        {
            var key = flow.Device ?? flow.DeviceMac;
            if (key is null)
            {
                continue;
            }

            var id = Resolve(key).Id;
            (flowsByDevice.TryGetValue(id, out var list) ? list : flowsByDevice[id] = []).Add(flow);
        }

        var phasesByDevice = _phases.GroupBy(p => directory.Resolve(p.Device).Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Phase).ToArray(), StringComparer.Ordinal);
        var tlsByDevice = _tls.GroupBy(e => Resolve(e.Device).Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TlsInterceptionEvent>)g.ToArray(), StringComparer.Ordinal);

        DateTime? start = _minTicks == long.MaxValue ? null : new DateTime(_minTicks, DateTimeKind.Utc);
        DateTime? end = _maxTicks == long.MinValue ? null : new DateTime(_maxTicks, DateTimeKind.Utc);
        var devices = new List<DeviceFindings>();
        foreach (var identity in identities.Values)
        {
            devices.Add(BuildDevice(
                identity,
                seriesByDevice.GetValueOrDefault(identity.Id) ?? [],
                flowsByDevice.GetValueOrDefault(identity.Id) ?? [],
                tlsByDevice.GetValueOrDefault(identity.Id) ?? [],
                phasesByDevice.GetValueOrDefault(identity.Id) ?? [],
                start));
        }

        return new FindingsDocument { Captures = captures.ToArray(), Start = start, End = end, Devices = devices };
    }

    private DeviceFindings BuildDevice(
        DeviceIdentity identity,
        Dictionary<(string, string), SeriesBuffer> series,
        List<ConnRecord> flows,
        IReadOnlyList<TlsInterceptionEvent> tls,
        IReadOnlyList<ProfilePhase> livePhases,
        DateTime? sessionStart)
    {
        // Live phases join the profile's, in time order, so every rule sees one phase list.
        var profile = identity.Profile is { } known && livePhases.Count > 0
            ? known with { Phases = known.Phases.Concat(livePhases).OrderBy(x => x.From).ThenBy(x => x.To).ToArray() }
            : identity.Profile;
        var category = profile is null ? null : _profiles.Category(profile.Category);
        var inferred = profile is null ? FirstPartyInference.Infer(flows, series.Keys.Select(k => k.Item2), identity.Record) : null;
        IReadOnlyList<string> firstParty = profile?.FirstParty ?? (inferred is null ? [] : [inferred]);

        var contexts = series.Values
            .OrderBy(b => DataTypeOrder(b.DataType))
            .ThenBy(b => b.Destination, StringComparer.Ordinal)
            .Select(b => Summarize(b, profile, firstParty))
            .ToArray();
        var context = new DeviceContext
        {
            Id = identity.Id,
            Profiles = _profiles,
            Profile = profile,
            Category = category,
            FirstParty = firstParty,
            FirstPartyInferred = inferred is not null,
            Series = contexts,
            TlsEvents = tls,
        };

        return new DeviceFindings
        {
            Id = identity.Id,
            Mac = identity.Mac,
            Category = profile?.Category,
            Profile = profile is null ? null : Path.GetFileName(profile.SourceFile),
            FirstParty = firstParty,
            FirstPartyInferred = inferred is not null,
            Destinations = Destinations(flows, identity.Record, firstParty),
            Observations = contexts.Select(c => c.Summary).ToArray(),
            Findings = RuleSet.Evaluate(context),
            Phases = profile?.Phases.Select(p => new PhaseSpan
            {
                From = p.From,
                To = p.To,
                State = PhaseStates.Name(p.State),
                Functions = p.Functions,
            }).ToArray() ?? [],
            Timeline = sessionStart is null || contexts.Length == 0 ? null : Timeline(contexts, sessionStart.Value),
        };
    }

    private SeriesContext Summarize(SeriesBuffer buffer, DeviceProfile? profile, IReadOnlyList<string> firstParty)
    {
        buffer.Sort(_strings);
        var ticks = buffer.Ticks;
        var limit = profile is null ? new DataTypeLimit() : _profiles.EffectiveLimit(profile, buffer.DataType);
        var gapMinutes = limit.ContinuityGapMinutes ?? DataTypeLimit.DefaultContinuityGapMinutes;
        var (perHour, peakStart) = SeriesStatistics.PerHourMax(ticks);
        var span = SeriesStatistics.LongestSpan(ticks, (long)(gapMinutes * TimeSpan.TicksPerMinute));

        // phase of each observation: both lists are sorted, so one forward pass
        var phaseIndex = new int[buffer.Count];
        var phases = profile?.Phases ?? [];
        var seen = new SortedSet<PhaseState>();
        var p = 0;
        float finest = float.NaN;
        byte transport = TransportCodes.Encrypted;
        for (var i = 0; i < buffer.Count; i++)
        {
            while (p < phases.Count && phases[p].To.Ticks <= ticks[i])
            {
                p++;
            }

            phaseIndex[i] = p < phases.Count && phases[p].From.Ticks <= ticks[i] ? p : -1;
            seen.Add(phaseIndex[i] < 0 ? PhaseState.Active : phases[phaseIndex[i]].State);
            var precision = buffer.Precision(i);
            if (!float.IsNaN(precision) && (float.IsNaN(finest) || precision < finest))
            {
                finest = precision;
            }

            transport = Math.Max(transport, buffer.Transport(i));
        }

        var summary = new ObservationSummary
        {
            DataType = buffer.DataType,
            Destination = buffer.Destination,
            Count = buffer.Count,
            First = new DateTime(ticks[0], DateTimeKind.Utc),
            Last = new DateTime(ticks[^1], DateTimeKind.Utc),
            PerHourMax = perHour,
            MedianIntervalS = SeriesStatistics.MedianIntervalSeconds(ticks),
            PeriodS = SeriesStatistics.DominantPeriodSeconds(ticks),
            FinestPrecisionM = float.IsNaN(finest) ? null : Math.Round(finest, 3),
            LongestSpanS = Math.Round((double)span.Ticks / TimeSpan.TicksPerSecond, 3),
            ContinuityGapMinutes = gapMinutes,
            Phases = seen.Select(PhaseStates.Name).ToArray(),
            Transport = TransportCodes.Name(transport),
            Party = Parties.Of(buffer.Destination, firstParty),
            Example = buffer.FirstValue is null ? null : _options.ShowValues ? buffer.FirstValue : ValueMasker.Mask(buffer.DataType, buffer.FirstValue),
        };
        return new SeriesContext
        {
            Buffer = buffer,
            Summary = summary,
            Limit = limit,
            PhaseIndex = phaseIndex,
            PeakStart = peakStart,
            SpanStart = span.Start,
            SpanEnd = span.End,
            Strings = _strings,
        };
    }

    private static DestinationSummary[] Destinations(List<ConnRecord> flows, DeviceRecord? record, IReadOnlyList<string> firstParty)
    {
        var tallies = new SortedDictionary<string, DestinationTally>(StringComparer.Ordinal);
        foreach (var flow in flows)
        {
            var deviceIsResponder = record is not null && record.Ips.Contains(flow.RespH) && !record.Ips.Contains(flow.OrigH);
            var host = flow.ServerName ?? (deviceIsResponder ? flow.OrigH : flow.RespH);
            if (!tallies.TryGetValue(host, out var tally))
            {
                tallies[host] = tally = new DestinationTally();
            }

            tally.Add(flow, deviceIsResponder);
        }

        return tallies.Select(t => new DestinationSummary
        {
            Host = t.Key,
            Party = Parties.Of(t.Key, firstParty),
            Flows = t.Value.Flows,
            BytesUp = t.Value.BytesUp,
            BytesDown = t.Value.BytesDown,
            Encrypted = t.Value.AllEncrypted,
        }).ToArray();
    }

    private DeviceTimeline Timeline(SeriesContext[] contexts, DateTime start)
    {
        var endTicks = Math.Max(_maxTicks, start.Ticks + 1);
        var totalSeconds = (endTicks - start.Ticks) / (double)TimeSpan.TicksPerSecond;
        int[] widths = [1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
        var bin = widths.FirstOrDefault(w => totalSeconds / w <= _options.MaxTimelineBins, 86400);
        var bins = (int)Math.Floor(totalSeconds / bin) + 1;
        var series = new List<TimelineSeries>();
        foreach (var group in contexts.GroupBy(c => c.DataType, StringComparer.Ordinal))
        {
            var counts = new int[bins];
            foreach (var context in group)
            {
                foreach (var tick in context.Buffer.Ticks)
                {
                    var index = (int)((tick - start.Ticks) / (bin * TimeSpan.TicksPerSecond));
                    counts[Math.Clamp(index, 0, bins - 1)]++;
                }
            }

            series.Add(new TimelineSeries { DataType = group.Key, Counts = counts });
        }

        return new DeviceTimeline { Start = start, BinSeconds = bin, Series = series };
    }

    private static int DataTypeOrder(string dataType)
    {
        var index = DataTypes.All.ToList().IndexOf(dataType);
        return index < 0 ? int.MaxValue : index;
    }

    private void Extend(long from, long to)
    {
        _minTicks = Math.Min(_minTicks, from);
        _maxTicks = Math.Max(_maxTicks, to);
    }
}
