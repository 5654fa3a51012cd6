#pragma once
// The `medq` subcommands. Each takes its own arguments (argv after the subcommand name)
// and returns the process exit code.
#include <QStringList>

namespace medq::cli {

enum ExitCode { Ok = 0, UserError = 1, InternalError = 2 };

struct GlobalOptions {
    int verbosity = 0;
    bool quiet = false;
};

int cmdInit(const QStringList& args, const GlobalOptions& g);
int cmdImport(const QStringList& args, const GlobalOptions& g);
int cmdInfo(const QStringList& args, const GlobalOptions& g);
int cmdDemo(const QStringList& args, const GlobalOptions& g);
int cmdSynth(const QStringList& args, const GlobalOptions& g);
int cmdAudit(const QStringList& args, const GlobalOptions& g);
int cmdExport(const QStringList& args, const GlobalOptions& g);
int cmdModel(const QStringList& args, const GlobalOptions& g);
int cmdLoop(const QStringList& args, const GlobalOptions& g);
int cmdPool(const QStringList& args, const GlobalOptions& g);
int cmdReference(const QStringList& args, const GlobalOptions& g);
int cmdAssess(const QStringList& args, const GlobalOptions& g);
int cmdPacs(const QStringList& args, const GlobalOptions& g);
int cmdScanText(const QStringList& args, const GlobalOptions& g);
int cmdWorker(const QStringList& args, const GlobalOptions& g);
int cmdDist(const QStringList& args, const GlobalOptions& g);

}  // namespace medq::cli
