import Foundation
import PackagePlugin

/// Turns every `templates/form-*.json`, `retired-*.json` (forms xxgk recognises but does not read)
/// and `messages-*.json` (one message catalogue per language) of the package into Swift source of the target
/// it is applied to, so form definitions travel inside the binary.
@main
struct EmbedForms: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: templates.path)
            .filter { ($0.hasPrefix("form-") || $0.hasPrefix("retired-") || $0.hasPrefix("messages-")) && $0.hasSuffix(".json") }
            .sorted()
        let inputs = names.map { templates.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedForms.swift")
        return [
            .buildCommand(
                displayName: "Embedding form definitions",
                executable: try context.tool(named: "EmbedFormsTool").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
