// The generated request types build on KlingCore; importing Bindings brings it along.
@_exported import KlingCore
