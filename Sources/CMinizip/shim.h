#include <unzip.h>
#include <ioapi.h>
