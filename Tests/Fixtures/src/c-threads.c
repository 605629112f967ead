/* c-threads: fixture workload for memtop.
 * The main thread mallocs and memsets exactly 32 MiB, starts 7 extra threads
 * that only sleep (so /proc/PID/status shows Threads: 8), prints "ready" once
 * every thread is running, then sleeps until it is killed.
 * Build: gcc -O2 -pthread -o c-threads c-threads.c */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ALLOC_BYTES (32u * 1024u * 1024u)
#define EXTRA_THREADS 7

static pthread_barrier_t started;
volatile unsigned char *keep; /* global so the buffer stays reachable */

static void *sleeper(void *arg) {
    (void)arg;
    pthread_barrier_wait(&started);
    for (;;)
        pause();
    return NULL;
}

int main(void) {
    unsigned char *buf = malloc(ALLOC_BYTES);
    if (!buf) {
        perror("malloc");
        return 1;
    }
    memset(buf, 0xA5, ALLOC_BYTES);
    keep = buf;

    pthread_barrier_init(&started, NULL, EXTRA_THREADS + 1);
    pthread_t tids[EXTRA_THREADS];
    for (int i = 0; i < EXTRA_THREADS; i++) {
        if (pthread_create(&tids[i], NULL, sleeper, NULL) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    }
    pthread_barrier_wait(&started);

    printf("ready %u\n", (unsigned)keep[ALLOC_BYTES - 1]);
    fflush(stdout);
    for (;;)
        pause();
}
