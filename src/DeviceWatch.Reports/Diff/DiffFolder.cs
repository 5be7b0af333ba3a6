using System.Text;

namespace DeviceWatch.Reports.Diff;

/// <summary>Writes diff.json and diff.md into an output folder.</summary>
internal static class DiffFolder
{
    public static void Write(string outDir, DiffDocument diff)
    {
        Directory.CreateDirectory(outDir);
        File.WriteAllBytes(Path.Combine(outDir, DiffJson.FileName), DiffJson.Serialize(diff));
        File.WriteAllText(Path.Combine(outDir, DiffMarkdown.FileName), DiffMarkdown.Render(diff), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
