@_exported import KlingJSON
