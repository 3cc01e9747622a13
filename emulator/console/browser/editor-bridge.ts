/**
 * Hands GraphiQL's editor context to the panel, which lives outside GraphiQL's provider: the
 * panel opens examples in tabs through it. Rendered inside GraphiQL (in its logo slot).
 */
import { useEditorContext, type EditorContextType } from '@graphiql/react';
import { useEffect } from 'react';

/** Props of {@link EditorBridge}. */
export interface EditorBridgeProps {
  /** Receives the context whenever it changes (editors mount after the first render). */
  readonly onContext: (context: EditorContextType) => void;
}

/** Renders nothing. */
export function EditorBridge(props: EditorBridgeProps) {
  const context = useEditorContext({ nonNull: true });
  const { onContext } = props;
  useEffect(() => onContext(context), [context, onContext]);
  return null;
}
