package dev.agentworker.otel.examples.demo;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The worker's own MCP tool calls: starts an MCP server over stdio with the MCP Java SDK, calls one
 * tool and closes the session, as a worker calling a tool outside of any agent query would.
 */
final class McpToolAdapter {

  private final List<String> serverCommand;

  McpToolAdapter(List<String> serverCommand) {
    this.serverCommand = serverCommand;
  }

  /** Calls {@code tool} and returns the text of its first content block. */
  String call(String tool, Map<String, Object> arguments) {
    ServerParameters parameters =
        ServerParameters.builder(serverCommand.get(0))
            .args(serverCommand.subList(1, serverCommand.size()))
            .build();
    McpSyncClient client =
        McpClient.sync(new StdioClientTransport(parameters, McpJsonDefaults.getMapper()))
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .build();
    try {
      client.initialize();
      CallToolResult result = client.callTool(new CallToolRequest(tool, arguments));
      return result.content().isEmpty() || !(result.content().get(0) instanceof TextContent)
          ? null
          : ((TextContent) result.content().get(0)).text();
    } finally {
      client.closeGracefully();
    }
  }
}
