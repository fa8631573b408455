'use client';
import { createContext } from 'react';
export const NinetailedContext = createContext<string | null>(null);
