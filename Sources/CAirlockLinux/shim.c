#define _GNU_SOURCE
#include "CAirlockLinux.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

const int airlock_o_path = O_PATH;

int airlock_pidfd_open(pid_t pid, unsigned int flags) {
    return (int)syscall(SYS_pidfd_open, pid, flags);
}

int airlock_pidfd_getfd(int pidfd, int targetfd, unsigned int flags) {
    return (int)syscall(SYS_pidfd_getfd, pidfd, targetfd, flags);
}

int airlock_openat2(int dirfd, const char *path, struct open_how *how, size_t size) {
    return (int)syscall(SYS_openat2, dirfd, path, how, size);
}

int airlock_capget(struct __user_cap_header_struct *header, struct __user_cap_data_struct *data) {
    return (int)syscall(SYS_capget, header, data);
}

int airlock_capset(struct __user_cap_header_struct *header, const struct __user_cap_data_struct *data) {
    return (int)syscall(SYS_capset, header, data);
}
