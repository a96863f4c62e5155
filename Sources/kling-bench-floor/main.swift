// The floor of the generator benchmark: a release-built Swift executable that starts and exits.
