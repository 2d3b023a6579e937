#ifndef MESSENGERCTL_CYAML_SHIM_H
#define MESSENGERCTL_CYAML_SHIM_H
#include <yaml.h>
#endif
