// The C library of the platform, imported once for every module that makes system calls: a module
// that imports KlingPlatform sees Glibc, Musl or Darwin without spelling the choice itself.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Musl)
@_exported import Musl
#elseif canImport(Darwin)
@_exported import Darwin
#endif
