/* comm-paren: fixture workload for memtop.
 * Renames itself with prctl(PR_SET_NAME, "a) b (c") so the comm field of
 * /proc/PID/stat reads "(a) b (c)": a naive parser that splits on the first
 * ')' or on spaces gets every later field wrong. capture.sh also starts it
 * with arguments that contain spaces, to exercise /proc/PID/cmdline parsing.
 * Build: gcc -O2 -o comm-paren comm-paren.c */
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(void) {
    if (prctl(PR_SET_NAME, "a) b (c", 0, 0, 0) != 0) {
        perror("prctl(PR_SET_NAME)");
        return 1;
    }
    printf("ready\n");
    fflush(stdout);
    for (;;)
        pause();
}
