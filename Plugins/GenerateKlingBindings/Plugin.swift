import PackagePlugin
@main struct GenerateKlingBindings: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {}
}
