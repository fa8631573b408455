import type { ReactNode } from 'react';

declare function ReturnsReactNode(props: { children?: ReactNode }): ReactNode;

export const used = <ReturnsReactNode>page</ReturnsReactNode>;
