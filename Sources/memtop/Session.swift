import MemtopCore
#if canImport(Glibc)
import Glibc
#endif

/// Starts a session from the options: opens outputs, resolves and attaches to the target, runs it.
enum Session {
    static func run(_ options: Options) throws(MemtopError) -> ExitCode {
        guard options.headless else {
            throw .usage("the dashboard is not built yet: add --no-ui to record headless")
        }
        let stop = StopSignal()
        stop.installSignalHandlers()

        // Open the CSV first: a bad path must fail before anything is started or sampled.
        let csv = try options.csvPath.map { (p: String) throws(MemtopError) in try CSVStreamWriter(path: p) }
        let target: ResolvedTarget
        let sampler: Sampler
        do throws(MemtopError) {
            target = try TargetResolver.resolve(options.target, quietChild: false)
            do throws(MemtopError) {
                sampler = try Sampler(pid: target.pid)
            } catch {
                target.child?.terminate()
                throw error
            }
        } catch {
            if let csv { csv.close(); unlink(csv.path) }
            throw error
        }
        target.child?.onExit { stop.stop(.childExited) }

        let recorder = HeadlessRecorder(options: options, sampler: sampler, csv: csv, child: target.child, stop: stop)
        return recorder.run()
    }
}
