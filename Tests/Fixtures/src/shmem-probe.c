/* shmem-probe: helper for the synthesized anon-named fixture.
 * Maps a touched 64 KiB memfd named "pool" (smaps shows "/memfd:pool (deleted)")
 * and a touched 32 KiB MAP_SHARED|MAP_ANONYMOUS region (smaps shows
 * "/dev/zero (deleted)"; with CONFIG_ANON_VMA_NAME it could be named
 * "[anon_shmem:NAME]"). capture.sh copies these two real smaps blocks into the
 * anon-named fixture. Build: gcc -O2 -o shmem-probe shmem-probe.c */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MEMFD_BYTES (64 * 1024)
#define SHANON_BYTES (32 * 1024)

int main(void) {
    int fd = memfd_create("pool", 0);
    if (fd < 0 || ftruncate(fd, MEMFD_BYTES) != 0) {
        perror("memfd");
        return 1;
    }
    char *pool = mmap(NULL, MEMFD_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *shared = mmap(NULL, SHANON_BYTES, PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (pool == MAP_FAILED || shared == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    memset(pool, 1, MEMFD_BYTES);
    memset(shared, 2, SHANON_BYTES);
    printf("ready %p %p\n", (void *)pool, (void *)shared);
    fflush(stdout);
    for (;;)
        pause();
}
