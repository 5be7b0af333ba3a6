using DeviceWatch.Analysis.Aggregation;

namespace DeviceWatch.Analysis.Rules;

/// <summary>
/// <c>item3.cloud-no-notice</c>: a data type of the category's <c>cloud_sensitive</c> list leaves the local
/// network and <c>rules.cloud_notice</c> is not true.
/// </summary>
internal sealed class CloudNoNoticeRule : IRule
{
    public string Id => RuleIds.CloudNoNotice;
    public bool NeedsProfile => true;

    public void Evaluate(DeviceContext device, List<Finding> findings)
    {
        if (device.Profile is null || device.Category is null || device.Profile.Rules?.CloudNotice == true)
        {
            return;
        }

        foreach (var series in device.Readable)
        {
            if (!device.Category.CloudSensitive.Contains(series.DataType, StringComparer.Ordinal) || Domains.IsLocal(series.Destination))
            {
                continue;
            }

            findings.Add(series.AllObservationsFinding(Id, device.SeverityBySensitivity(series.DataType),
                $"{device.Id} uploaded {series.DataType} to {series.Destination} in the cloud {RuleText.Times(series.Summary.Count)} " +
                "without a prominent notice that it is computed and analysed in the cloud."));
        }
    }
}
