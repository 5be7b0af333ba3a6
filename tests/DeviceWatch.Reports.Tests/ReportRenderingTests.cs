using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DeviceWatch.Analysis.Rules;

namespace DeviceWatch.Reports.Tests;

public sealed class ReportRenderingTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dw-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private (FindingsDocument Doc, byte[] Json) Lab()
    {
        var doc = SmallLab.Run(SmallLab.Profiles());
        return (doc, FindingsJson.Serialize(doc));
    }

    [Fact]
    public void Html_IsSelfContainedAndShowsEveryDeviceAndFinding()
    {
        var (doc, json) = Lab();
        var html = HtmlReport.Render(json);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex(@"\b(src|href)\s*=\s*""(https?:|//)", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        foreach (var device in doc.Devices)
        {
            Assert.Contains($"id=\"dev-{device.Id.Replace(':', '-')}\"", html, StringComparison.Ordinal);
            foreach (var finding in device.Findings)
            {
                Assert.Contains(WebUtility.HtmlEncode(finding.Message), html, StringComparison.Ordinal);
            }
        }

        Assert.Equal(doc.AllFindings.Count(), Regex.Matches(html, "<tr class=\"finding\">").Count);
        Assert.Equal(doc.Devices.Count(d => d.Timeline is not null), Regex.Matches(html, "<svg class=\"timeline\"").Count);
        Assert.Contains("class=\"phase-idle\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"phase-function-off\"", html, StringComparison.Ordinal);
        Assert.Contains("No findings.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_NeverContainUnmaskedValues()
    {
        var (_, json) = Lab();
        var html = HtmlReport.Render(json);
        var md = MarkdownReport.Render(json);
        foreach (var secret in new[] { "460001234567890", "13800138000", "22.543096" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, md, StringComparison.Ordinal);
        }

        Assert.Contains("4600*********90", html, StringComparison.Ordinal);
        Assert.Contains("1380****000", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_ListsEveryDeviceAndFinding()
    {
        var (doc, json) = Lab();
        var md = MarkdownReport.Render(json);
        foreach (var device in doc.Devices)
        {
            Assert.Contains($"## {device.Id}", md, StringComparison.Ordinal);
            foreach (var finding in device.Findings)
            {
                Assert.Contains(finding.Message, md, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void ReportFolder_WritesAllThreeFiles()
    {
        var (_, json) = Lab();
        ReportFolder.Write(_dir, json);
        Assert.Equal(json, File.ReadAllBytes(Path.Combine(_dir, "findings.json")));
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(_dir, "report.html")), StringComparison.Ordinal);
        Assert.StartsWith("# DeviceWatch report", File.ReadAllText(Path.Combine(_dir, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_InHeadlessChromium_RendersEveryDeviceAndFindingAndTakesAScreenshot()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
        Assert.True(chromium is not null, "headless Chromium is required for this test: apt-get install -y chromium");
        var (doc, json) = Lab();
        ReportFolder.Write(_dir, json);
        var page = "file://" + Path.Combine(_dir, "report.html");
        var profile = Path.Combine(_dir, "chromium-profile");

        var dom = RunChromium(chromium!, profile, "--dump-dom", page);
        Assert.Contains("</html>", dom.Stdout, StringComparison.Ordinal);
        Assert.Equal(doc.AllFindings.Count(), Regex.Matches(dom.Stdout, "<tr class=\"finding\">").Count);
        foreach (var device in doc.Devices)
        {
            Assert.Contains($"<h2>{device.Id}</h2>", dom.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(doc.Devices.Count(d => d.Timeline is not null), Regex.Matches(dom.Stdout, "<svg class=\"timeline\"").Count);
        Assert.DoesNotContain("Uncaught", dom.Stderr, StringComparison.Ordinal);

        var screenshot = Path.Combine(_dir, "report.png");
        RunChromium(chromium!, profile, $"--screenshot={screenshot}", "--window-size=1280,2400", page);
        var png = File.ReadAllBytes(screenshot);
        Assert.True(png.Length > 10_000, $"screenshot is only {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        if (Environment.GetEnvironmentVariable("DW_KEEP_REPORT") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.Copy(screenshot, Path.Combine(keep, "report.png"), overwrite: true);
            File.Copy(Path.Combine(_dir, "report.html"), Path.Combine(keep, "report.html"), overwrite: true);
        }
    }

    private static (string Stdout, string Stderr) RunChromium(string chromium, string profile, params string[] args)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
                     "--no-first-run", $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                 }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "chromium did not finish within 60 s");
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {stderr.Result}");
        return (stdout.Result, stderr.Result);
    }
}
