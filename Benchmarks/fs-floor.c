/* fs-floor: the file system's share of a first deploy, with nothing else in the way.
 *
 * NODES processes (one per node, at once) each create FILES files of 4096 bytes under
 * DIR/nodeN/dNN/fNN.conf (100 to a directory), the way an atomic apply must:
 *   mode 0: create each file under its final name (not atomic: a floor for anything);
 *   mode 1: write a temp file beside it, then rename it over the name (what rsync and the
 *           agent do);
 *   mode 2: mode 1, then one syncfs(2) per node (what the agent does to make it durable);
 *   mode 3: an unnamed file (O_TMPFILE) in the directory, linked to the name when written
 *           (as atomic as mode 1 for a file that did not exist, one directory entry less);
 *   mode 4: mode 3, then one syncfs(2) per node.
 * No network, no hashing, no state: whatever a deploy tool adds comes on top of this.
 *
 *   cc -O2 -o fs-floor Benchmarks/fs-floor.c && ./fs-floor DIR NODES FILES MODE
 * prints the wall time in milliseconds. DIR must not exist yet. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what, const char *path) {
    fprintf(stderr, "fs-floor: %s %s: %s\n", what, path, strerror(errno));
    _exit(1);
}

static void node(const char *dir, int n, int files, int mode) {
    char path[4096], buffer[4096];
    memset(buffer, 'x', sizeof buffer);
    snprintf(path, sizeof path, "%s/node%d", dir, n);
    if (mkdir(path, 0755) != 0) die("cannot create", path);
    int root = open(path, O_RDONLY | O_DIRECTORY);
    if (root < 0) die("cannot open", path);
    for (int d = 0; d * 100 < files; d++) {
        char name[32], temp[32];
        snprintf(name, sizeof name, "d%02d", d);
        if (mkdirat(root, name, 0755) != 0) die("cannot create", name);
        int directory = openat(root, name, O_RDONLY | O_DIRECTORY);
        if (directory < 0) die("cannot open", name);
        for (int f = 0; f < 100 && d * 100 + f < files; f++) {
            snprintf(name, sizeof name, "f%02d.conf", f);
            if (mode >= 3) {
                int fd = openat(directory, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
                if (fd < 0) die("cannot create an unnamed file for", name);
                if (write(fd, buffer, sizeof buffer) != (ssize_t)sizeof buffer) die("cannot write", name);
                char self[64];
                snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
                if (linkat(AT_FDCWD, self, directory, name, AT_SYMLINK_FOLLOW) != 0) die("cannot link", name);
                close(fd);
                continue;
            }
            snprintf(temp, sizeof temp, ".tmp-f%02d.conf", f);
            int fd = openat(directory, mode == 0 ? name : temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
            if (fd < 0) die("cannot create", name);
            if (write(fd, buffer, sizeof buffer) != (ssize_t)sizeof buffer) die("cannot write", name);
            close(fd);
            if (mode > 0 && renameat(directory, temp, directory, name) != 0) die("cannot rename", temp);
        }
        close(directory);
    }
    if ((mode == 2 || mode == 4) && syncfs(root) != 0) die("cannot sync", path);
    _exit(0);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: fs-floor DIR NODES FILES MODE(0 create, 1 +rename, 2 +syncfs, 3 O_TMPFILE+link, 4 +syncfs)\n");
        return 2;
    }
    const char *dir = argv[1];
    int nodes = atoi(argv[2]), files = atoi(argv[3]), mode = atoi(argv[4]);
    if (mkdir(dir, 0755) != 0) die("cannot create", dir);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int n = 0; n < nodes; n++) {
        pid_t pid = fork();
        if (pid < 0) die("cannot fork for", dir);
        if (pid == 0) node(dir, n, files, mode);
    }
    int status, failed = 0;
    while (wait(&status) > 0) failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%.0f\n", (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6);
    return failed;
}
