@_exported import KlingCore
