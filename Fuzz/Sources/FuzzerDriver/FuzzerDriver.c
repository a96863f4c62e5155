// The declaration in include/FuzzerDriver.h is what this target provides; SwiftPM needs a source file.
#include "FuzzerDriver.h"
