import MemtopCore
#if canImport(Glibc)
import Glibc
#endif

/// Built-in workloads, run as `memtop __workload KIND …`: the demo target and the tests' children.
///
/// They use malloc/pthreads directly (no Dispatch) so the thread count and the memory they
/// touch are exactly what they say.
enum Workload {
    static func run(_ args: [String]) throws(MemtopError) -> ExitCode {
        // A name of its own, so the process list and the summary say what this process is.
        let names = ["serve": "memtop-serve", "leak": "memtop-leak", "churn": "memtop-churn", "demo": "memtop-demo", "maps": "memtop-maps",
                     "hostile": "\u{1b}[2J\u{1b}]0;x\u{7}"]
        if let kind = args.first, let name = names[kind] { setProcessName(name) }
        switch args.first {
        case "serve": serve()
        case "leak": leak(mibPerSecond: try number(args, 1, "leak MiB/s"), churn: false)
        case "churn": leak(mibPerSecond: try number(args, 1, "churn MiB/s"), churn: true)
        case "demo": demo()
        case "maps": maps(Int(try number(args, 1, "maps count")))
        case "hostile": hostile(directory: args.count > 1 ? args[1] : "/tmp")
        default: throw .usage("__workload: unknown kind (serve, leak, churn, demo, maps)")
        }
        return .success
    }

    private static func number(_ args: [String], _ i: Int, _ what: String) throws(MemtopError) -> Double {
        guard i < args.count, let v = Double(args[i]), v >= 0 else { throw .usage("__workload: \(what) needs a number") }
        return v
    }

    /// Writing the main thread's comm renames the process (what prctl(PR_SET_NAME) does).
    static func setProcessName(_ name: String) {
        let fd = open("/proc/self/comm", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = name.withCString { write(fd, $0, strlen($0)) }
        close(fd)
    }

    /// Blocks stay allocated until freed; the process exits when stdin closes.
    nonisolated(unsafe) private static var blocks: [UnsafeMutableRawPointer] = []

    /// Allocates `bytes` and touches every page so it is resident.
    static func allocateTouched(_ bytes: Int) -> UnsafeMutableRawPointer {
        let p = malloc(bytes)!
        memset(p, 0x5a, bytes)
        return p
    }

    /// Line protocol on stdin, one reply line per command: `alloc MiB`, `free`, `threads N`, `exit`.
    private static func serve() {
        Console.out("ready")
        while let line = readLine() {
            let words = line.split(separator: " ").map(String.init)
            switch words.first {
            case "alloc":
                let mib = Int(words.count > 1 ? words[1] : "") ?? 0
                blocks.append(allocateTouched(mib << 20))
                Console.out("ok")
            case "free":
                for b in blocks { free(b) }
                blocks.removeAll()
                Console.out("ok")
            case "threads":
                let n = Int(words.count > 1 ? words[1] : "") ?? 0
                for _ in 0..<n { startSleepingThread() }
                Console.out("ok")
            case "exit":
                exit(0)
            default:
                Console.out("error unknown command")
            }
        }
    }

    /// About `count` extra mappings (a JIT or an allocator with many arenas looks like this): one
    /// region whose pages alternate read-only and read-write, so the kernel cannot merge them.
    /// Every page is touched, so each mapping has resident memory to report. Prints `ready`, then
    /// waits until stdin closes.
    private static func maps(_ count: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let pages = max(1, count)
        guard let base = mmap(nil, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              base != MAP_FAILED else {
            Console.err("memtop: maps: mmap failed: \(String(cString: strerror(errno)))")
            exit(1)
        }
        memset(base, 0x5a, pages * page)
        var made = 1
        for k in stride(from: 1, to: pages, by: 2) {
            if mprotect(base + k * page, page, PROT_READ) != 0 {
                Console.err("memtop: maps: stopped at \(made) mappings: \(String(cString: strerror(errno)))")
                break
            }
            made += 2
        }
        Console.out("ready")
        while readLine() != nil {}
    }

    /// A target whose text tries to drive the terminal: its name (set above) clears the screen and
    /// sets the window title, and it maps a file whose name holds a newline, escapes and a bell.
    /// Its command line is whatever the caller made it (tests pass 100 KB). Prints `ready`, then
    /// waits until stdin closes.
    private static func hostile(directory: String) {
        let path = directory + "/evil\nname\u{1b}[31mred\u{1b}]0;y\u{7}.bin"
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0, ftruncate(fd, 8 << 20) == 0,
              let p = mmap(nil, 8 << 20, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), p != MAP_FAILED else {
            Console.err("memtop: hostile: cannot map \(path): \(String(cString: strerror(errno)))")
            exit(1)
        }
        memset(p, 0x41, 8 << 20)
        Console.out("ready")
        while readLine() != nil {}
        unlink(path)
    }

    /// A thread that only sleeps: the shape of a leaked worker or ticker.
    static func startSleepingThread() {
        var tid = pthread_t()
        pthread_create(&tid, nil, { _ in
            while true { sleep(3600) }
        }, nil)
        pthread_detach(tid)
    }

    /// Allocates `mibPerSecond` in 10 steps a second; with `churn`, frees each block right away.
    private static func leak(mibPerSecond: Double, churn: Bool) {
        let step = max(4096, Int(mibPerSecond * 1048576 / 10))
        while true {
            let p = allocateTouched(step)
            if churn { free(p) } else { blocks.append(p) }
            usleep(100_000)
        }
    }

    /// The `--demo` target: a GC-like sawtooth, a steady leak under it, and a thread leak.
    ///
    /// It maps memory directly: malloc would recycle the freed "garbage" for the leak and hide both.
    private static func demo() {
        let chunk = 2 << 20
        var garbage: [UnsafeMutableRawPointer] = []
        var tick = 0
        while true {
            // Sawtooth: 2 MiB of garbage every 500 ms, all "collected" every 4 s (16 MiB swing).
            if tick % 5 == 0 { garbage.append(mapTouched(chunk)) }
            if garbage.count >= 8 {
                for g in garbage { munmap(g, chunk) }
                garbage.removeAll()
            }
            // Leak: 150 KiB every 100 ms (~1.5 MiB/s) that is never freed.
            blocks.append(mapTouched(150 << 10))
            // Thread leak: one more sleeping thread every 5 s, up to 500.
            if tick % 50 == 49, tick < 25_000 { startSleepingThread() }
            tick += 1
            usleep(100_000)
        }
    }

    /// Maps `bytes` of private anonymous memory and touches every page.
    private static func mapTouched(_ bytes: Int) -> UnsafeMutableRawPointer {
        let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
        memset(p, 0x5a, bytes)
        return p
    }
}
