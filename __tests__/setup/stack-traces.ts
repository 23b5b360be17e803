// Jest setup file (package.json "setupFiles"): the synth's capture fix in every test file, since
// cdktf's per-token stack traces cost about a quarter of the tests' CPU. DEBUG keeps them.
import { configureStackTraceCapture } from "../../lib/stack-trace-capture";

configureStackTraceCapture(process.env.DEBUG);
